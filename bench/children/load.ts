/**
 * Fallback load generator when wrk is not installed: N keep-alive
 * connections in a process of their own, each sending the next request as
 * soon as the last response ended, for a fixed duration.
 */
import { RawConnection, rawRequest } from '../support/raw-http.js';

interface LoadSpec {
  port: number;
  path: string;
  headers: Record<string, string>;
  connections: number;
  durationMs: number;
}

const spec = JSON.parse(process.env.BENCH_LOAD ?? 'null') as LoadSpec | null;
if (spec === null) throw new Error('BENCH_LOAD is required');
const request = rawRequest('GET', spec.path, spec.headers);
let completed = 0;
let non2xx = 0;
let errors = 0;
const start = process.hrtime.bigint();
const deadline = Date.now() + spec.durationMs;

async function loop(): Promise<void> {
  let conn: RawConnection | undefined;
  while (Date.now() < deadline) {
    try {
      conn ??= await RawConnection.open(spec!.port);
      const status = await conn.send(request);
      completed += 1;
      if (status < 200 || status >= 300) non2xx += 1;
    } catch {
      errors += 1;
      conn?.close();
      conn = undefined;
    }
  }
  conn?.close();
}

await Promise.all(Array.from({ length: spec.connections }, () => loop()));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ done: true, completed, non2xx, errors, seconds })}\n`);
// Started with an IPC channel like every bench child; let it go so the process can end.
process.disconnect?.();
