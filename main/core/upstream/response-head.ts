import type { IncomingHttpHeaders } from 'node:http';
import { lazyModule } from '../lazy-module.js';

/** Only ever called on a response from an agent, by which time the upstream pool has loaded undici. */
const undici = lazyModule('undici');

/** Headers of which Node's HTTP parser keeps only the first; a second copy is dropped, as there. */
const FIRST_ONLY = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/**
 * undici's raw response head (`[name, value, …]` as Buffers) as the header
 * object Node's parser would have built: lower-case names, values as latin1
 * (the bytes as received, as Node reads them); `set-cookie` an array, the
 * single-valued headers above their first copy, others joined with `, `.
 * The header rules (header-rewrite.ts, widget-headers.ts) were written
 * against that shape. A header named `__proto__` is dropped; one named like
 * an `Object.prototype` member (`constructor`) is an own header like any other.
 *
 * `leaveOut(name, value)`: headers the caller would only delete again are
 * never added. Runs per proxied response, so names of common headers come
 * from undici's lookup table (no string built), and the object is only ever
 * added to: `delete` would turn it into a slow dictionary for `writeHead`.
 */
export function headersFromRaw(raw: Buffer[], leaveOut?: (name: string, value: string) => boolean): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  const headerNameToString = undici().util.headerNameToString;
  for (let i = 0; i < raw.length; i += 2) {
    const name = headerNameToString(raw[i]!);
    if (name === '__proto__') continue;
    const value = raw[i + 1]!.toString('latin1');
    if (leaveOut !== undefined && leaveOut(name, value)) continue;
    const existing = headers[name];
    if (typeof existing === 'string') {
      if (!FIRST_ONLY.has(name)) headers[name] = `${existing}, ${value}`;
    } else if (Array.isArray(existing)) {
      existing.push(value);
    } else {
      // Absent, or inherited from Object.prototype (not a header).
      headers[name] = name === 'set-cookie' ? [value] : value;
    }
  }
  return headers;
}
