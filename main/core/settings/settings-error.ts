/** A refused settings value; its message names the field and is safe to show. */
export class SettingsError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}
