/** A refused or failed DeskApi call: the server's `{error:{code,message}}`, or a transport failure. */
export class DeskApiError extends Error {
  override readonly name = 'DeskApiError';

  constructor(
    readonly code: string,
    message: string,
    /** HTTP status in browser mode; 0 when the request never got an answer. */
    readonly status: number = 0,
  ) {
    super(message);
  }
}

/** The message to show a user for anything a DeskApi call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong, and the desk gave no reason.';
}
