import type { DeskErrorBody } from '../../../preload/contract.js';

export type DeskErrorCode = 'bad-request' | 'not-found' | 'not-ready' | 'conflict' | 'upstream' | 'unsupported' | 'internal';

const STATUS: Record<DeskErrorCode, number> = {
  'bad-request': 400,
  'not-found': 404,
  'not-ready': 409,
  /** The thing acted on changed meanwhile (an attention item answered elsewhere). */
  conflict: 409,
  /** An agent refused or failed what the desk relayed. */
  upstream: 502,
  unsupported: 501,
  internal: 500,
};

/** An error meant for the UI: its message is safe to show and holds no secret. */
export class DeskError extends Error {
  constructor(readonly code: DeskErrorCode, message: string) {
    super(message);
    this.name = 'DeskError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  toBody(): DeskErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Anything not a DeskError becomes a generic message: internals never reach the UI. */
export function toDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  if (error instanceof Error && error.name === 'SettingsError') return new DeskError('bad-request', error.message);
  return new DeskError('internal', 'Agent Desk hit an internal error; see its log for details.');
}
