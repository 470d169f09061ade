import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

/** Agents are probed on loopback only (DESIGN.md section 2). */
export const PROBE_HOST = '127.0.0.1';
export const DEFAULT_TIMEOUT_MS = 3_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * A dedicated agent without keep-alive: never the global agent (which a
 * future Node may route through an environment proxy), one socket per probe,
 * nothing left open between probes.
 */
const probeAgent = new Agent({ keepAlive: false });

export interface GetOptions {
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface GetAnswer {
  ok: true;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type GetFailureKind = 'refused' | 'reset' | 'timeout' | 'too-large' | 'aborted' | 'bad-request' | 'network';

export interface GetFailure {
  ok: false;
  kind: GetFailureKind;
  /** Human, secret-free: never built from a Node error's message. */
  error: string;
}

export type GetResult = GetAnswer | GetFailure;

export function describeDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Maps a socket error to words. Only the error's `code` is read, never its message. */
function failureOf(err: unknown, where: string): GetFailure {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'ECONNREFUSED':
      return { ok: false, kind: 'refused', error: `connection refused on ${where}` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { ok: false, kind: 'reset', error: `connection reset by ${where}` };
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_VERSION':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_HEADER_TOKEN':
      return { ok: false, kind: 'network', error: `${where} did not answer HTTP` };
    default: {
      const safeCode = /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
      return { ok: false, kind: 'network', error: `cannot reach ${where}${safeCode}` };
    }
  }
}

/**
 * One GET to `http://127.0.0.1:<port><path>` with node:http: no environment
 * proxy, no redirects followed, a total deadline covering connect, headers
 * and body, and a bounded body. Never rejects.
 */
export function httpGet(port: number, path: string, opts: GetOptions = {}): Promise<GetResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const where = `${PROBE_HOST}:${port}`;

  return new Promise<GetResult>((resolve) => {
    let settled = false;
    let req: ReturnType<typeof request> | undefined;
    const timer = setTimeout(() => {
      finish({ ok: false, kind: 'timeout', error: `no answer within ${describeDuration(timeoutMs)}` });
      req?.destroy();
    }, timeoutMs);
    const finish = (result: GetResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => {
      finish({ ok: false, kind: 'aborted', error: 'probe cancelled' });
      req?.destroy();
    };

    if (opts.signal?.aborted) return onAbort();
    try {
      req = request({ host: PROBE_HOST, port, path, method: 'GET', headers: opts.headers, agent: probeAgent });
    } catch {
      // Invalid path or header characters: Node's message may quote them.
      return finish({ ok: false, kind: 'bad-request', error: `cannot build a request to ${where} (invalid path or token characters)` });
    }
    const active = req;
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    active.on('error', (err) => finish(failureOf(err, where)));
    active.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish({ ok: false, kind: 'too-large', error: `answer from ${where} larger than ${describeBytes(maxBytes)}` });
          active.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('aborted', () => finish({ ok: false, kind: 'reset', error: `connection reset by ${where}` }));
      res.on('error', (err) => finish(failureOf(err, where)));
    });
    active.end();
  });
}
