/**
 * What attention derives from an agent's sessions. The item shape is the one
 * the UI sees (through the contract); the rest stays in main. Nothing here
 * carries a token: items are built field by field from validated answers.
 */

export type AttentionKind = 'approval' | 'question' | 'finished' | 'failed';

export interface ApprovalOptionView {
  label: string;
  description?: string;
  /** What an answer sends back as `choice`. */
  index: number;
}

export interface QuestionView {
  question: string;
  header?: string;
  /** Offered answers; absent for a free-text question. */
  options?: string[];
  multiSelect?: boolean;
}

export interface AttentionItem {
  /** Opaque and stable while the item lives. */
  id: string;
  agentId: string;
  agentName: string;
  sessionId: string;
  sessionTitle: string;
  kind: AttentionKind;
  /** Why: the command wanting approval, the first question, "finished", … */
  title: string;
  options?: ApprovalOptionView[];
  questions?: QuestionView[];
  /** Epoch ms the item appeared. */
  since: number;
}

export interface AttentionCounts {
  /** Approvals and questions: items that wait for the user. */
  needsYou: number;
  /** Finished and failed runs not yet seen. */
  finished: number;
}

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
