const REDACTED = '[redacted]';

/** CSI (colours, cursor moves), OSC (titles, links) and the other C0/C1 controls but tab. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f\x9b]/g;

/** Common API-key shapes; kept specific so ordinary words survive. */
const KEY_SHAPES = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /sk-[A-Za-z0-9_-]{16,}/g,
  /AIza[0-9A-Za-z_-]{20,}/g,
  /gh[pousr]_[A-Za-z0-9]{20,}/g,
  /xox[abposr]-[A-Za-z0-9-]{8,}/g,
];

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * What a log line may show: ANSI removed, then every given secret (the
 * agent's WEB_TOKEN) and every API-key shape replaced. Runs before a line is
 * stored or sent anywhere.
 */
export function scrubLine(text: string, secrets: readonly string[]): string {
  let line = stripAnsi(text);
  for (const secret of secrets) {
    // A short value would redact ordinary words; real tokens are 48 hex chars.
    if (secret.length >= 8) line = line.split(secret).join(REDACTED);
  }
  for (const shape of KEY_SHAPES) line = line.replace(shape, REDACTED);
  return line;
}
