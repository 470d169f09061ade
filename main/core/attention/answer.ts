import { DeskError } from '../api/desk-errors.js';
import type { ItemRef } from './attention-model.js';

/** `attention:answer`: an option index for an approval, one answer per question for a question. */
export type AnswerRequest = { itemId: string; choice: number } | { itemId: string; answers: string[] };

const MAX_ANSWER_CHARS = 4_000;

/**
 * Checks an answer against the item it answers and builds the agent's body:
 * `{approval_id, choice}` for `…/approval`, `{call_id, answers}` for `…/ask_user`.
 */
export function validateAnswer(ref: ItemRef, request: AnswerRequest): { verb: 'approval' | 'ask_user'; body: Record<string, unknown> } {
  if (ref.kind === 'approval') {
    if (!('choice' in request)) throw new DeskError('bad-request', 'an approval is answered with "choice" (an option index)');
    if (!ref.optionIndexes?.includes(request.choice)) throw new DeskError('bad-request', `choice ${request.choice} is not one of this approval's options`);
    return { verb: 'approval', body: { approval_id: ref.approvalId, choice: request.choice } };
  }
  if (ref.kind === 'question') {
    if (!('answers' in request)) throw new DeskError('bad-request', 'a question is answered with "answers" (one per question)');
    if (request.answers.length !== ref.questionCount) {
      throw new DeskError('bad-request', `this item asks ${ref.questionCount} question(s); got ${request.answers.length} answer(s)`);
    }
    return { verb: 'ask_user', body: { call_id: ref.callId, answers: request.answers } };
  }
  throw new DeskError('bad-request', `a ${ref.kind} item has nothing to answer; mark it seen instead`);
}

/** Shape check of a raw `attention:answer` payload (the boundary validator). */
export function parseAnswerRequest(payload: unknown): AnswerRequest {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new DeskError('bad-request', 'the request must be a JSON object');
  const body = payload as Record<string, unknown>;
  const itemId = body['itemId'];
  if (typeof itemId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(itemId)) throw new DeskError('bad-request', 'invalid item id');
  const hasChoice = body['choice'] !== undefined;
  const hasAnswers = body['answers'] !== undefined;
  if (hasChoice === hasAnswers) throw new DeskError('bad-request', 'send exactly one of "choice" or "answers"');
  if (hasChoice) {
    const choice = body['choice'];
    if (typeof choice !== 'number' || !Number.isInteger(choice) || choice < 0) throw new DeskError('bad-request', '"choice" must be an option index');
    return { itemId, choice };
  }
  const answers = body['answers'];
  if (!Array.isArray(answers) || answers.length === 0 || answers.length > 8) throw new DeskError('bad-request', '"answers" must be a list of 1–8 strings');
  if (!answers.every((a) => typeof a === 'string' && a.length <= MAX_ANSWER_CHARS)) {
    throw new DeskError('bad-request', `each answer must be a string of at most ${MAX_ANSWER_CHARS} characters`);
  }
  return { itemId, answers: answers as string[] };
}
