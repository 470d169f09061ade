import type { IncomingHttpHeaders } from 'node:http';

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
 * against that shape. A header named `__proto__` is dropped.
 */
export function headersFromRaw(raw: Buffer[]): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    if (name === '__proto__') continue;
    const value = raw[i + 1]!.toString('latin1');
    const existing = headers[name];
    if (existing === undefined) {
      headers[name] = name === 'set-cookie' ? [value] : value;
    } else if (typeof existing !== 'string') {
      existing.push(value);
    } else if (!FIRST_ONLY.has(name)) {
      headers[name] = `${existing}, ${value}`;
    }
  }
  return headers;
}
