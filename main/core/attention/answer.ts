import { DeskError } from '../api/desk-errors.js';
import type { ItemRef } from './attention-model.js';
import type { QuestionView } from './attention-types.js';

/**
 * `attention:answer`: an option index for an approval; for a question, one
 * entry per question: a list of option labels for a multi-select question,
 * a string otherwise (an option label, or free text where none is offered).
 */
export type AnswerRequest = { itemId: string; choice: number } | { itemId: string; answers: Array<string | string[]> };

const MAX_ANSWER_CHARS = 4_000;
const MAX_QUESTIONS = 8;
const MAX_SELECTED = 10;

/** One answer in term-llm's shape (`tools.AskUserAnswer`); term-llm 400s anything else, plain strings included. */
interface AskUserAnswer {
  question_index: number;
  header: string;
  selected: string;
  selected_list?: string[];
  is_custom: boolean;
  is_multi_select: boolean;
}

/** Checks one answer against its question, as term-llm will (ADR 0031). */
function askUserAnswer(question: QuestionView, answer: string | string[], index: number): AskUserAnswer {
  const n = index + 1;
  const header = question.header ?? '';
  if (question.multiSelect) {
    if (!Array.isArray(answer)) throw new DeskError('bad-request', `question ${n} takes several options: answer with a list of option labels`);
    const selected = answer.map((label) => label.trim());
    if (selected.length === 0) throw new DeskError('bad-request', `question ${n} needs at least one option chosen`);
    const unknown = selected.find((label) => !question.options?.includes(label));
    if (unknown !== undefined) throw new DeskError('bad-request', `question ${n} has no option "${unknown.slice(0, 120)}"`);
    if (new Set(selected).size !== selected.length) throw new DeskError('bad-request', `question ${n} lists an option twice`);
    return { question_index: index, header, selected: selected.join(', '), selected_list: selected, is_custom: false, is_multi_select: true };
  }
  if (typeof answer !== 'string') throw new DeskError('bad-request', `question ${n} takes one answer, not a list`);
  const selected = answer.trim();
  if (selected === '') throw new DeskError('bad-request', `question ${n} needs an answer`);
  if (question.options && !question.options.includes(selected)) {
    throw new DeskError('bad-request', `question ${n} has no option "${selected.slice(0, 120)}"`);
  }
  return { question_index: index, header, selected, is_custom: !question.options, is_multi_select: false };
}

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
    const questions = ref.questions ?? [];
    if (request.answers.length !== questions.length) {
      throw new DeskError('bad-request', `this item asks ${questions.length} question(s); got ${request.answers.length} answer(s)`);
    }
    const answers = questions.map((question, i) => askUserAnswer(question, request.answers[i]!, i));
    return { verb: 'ask_user', body: { call_id: ref.callId, answers } };
  }
  throw new DeskError('bad-request', `a ${ref.kind} item has nothing to answer; mark it seen instead`);
}

function isAnswer(value: unknown): value is string | string[] {
  const short = (text: unknown) => typeof text === 'string' && text.length <= MAX_ANSWER_CHARS;
  if (Array.isArray(value)) return value.length <= MAX_SELECTED && value.every(short);
  return short(value);
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
  if (!Array.isArray(answers) || answers.length === 0 || answers.length > MAX_QUESTIONS) {
    throw new DeskError('bad-request', `"answers" must be a list of 1–${MAX_QUESTIONS} answers, one per question`);
  }
  if (!answers.every(isAnswer)) {
    throw new DeskError(
      'bad-request',
      `each answer must be a string of at most ${MAX_ANSWER_CHARS} characters, or (multi-select) a list of at most ${MAX_SELECTED} option labels`,
    );
  }
  return { itemId, answers: answers as Array<string | string[]> };
}
