/**
 * What attention derives from an agent's sessions. The item shape is the one
 * the UI sees (through the contract); the rest stays in main. Nothing here
 * carries a token: items are built field by field from validated answers.
 */

import type { AttentionCounts, AttentionItem, AttentionKind, AttentionOption, AttentionQuestion } from '../../../preload/contract.js';

export type { AttentionCounts, AttentionItem, AttentionKind };
export type ApprovalOptionView = AttentionOption;
export type QuestionView = AttentionQuestion;

/** One session of `{base}/v1/sessions/status`, as attention uses it. */
export interface SessionStatus {
  id: string;
  title: string;
  active: boolean;
  /** The whole entry, to notice a change even where the ETag did not help. */
  fingerprint: string;
}

export interface PendingApproval {
  approvalId: string;
  title: string;
  options: ApprovalOptionView[];
  createdAt?: number;
}

export interface PendingQuestion {
  callId: string;
  questions: QuestionView[];
  createdAt?: number;
}

/** `{base}/v1/sessions/{id}/state`, validated. */
export interface SessionState {
  active: boolean;
  approvals: PendingApproval[];
  questions: PendingQuestion[];
}
