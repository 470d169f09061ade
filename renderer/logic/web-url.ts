/**
 * Whether a URL from the desk may be loaded in a frame or a new window: only
 * absolute http(s). A `javascript:` or `data:` URL in an iframe would run in
 * a context we do not control, so anything else is refused.
 */
export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
