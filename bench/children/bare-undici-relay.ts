/**
 * The bare undici proxy itself (see bare-undici-proxy.ts): a node:http server
 * relaying to one undici Pool with the bearer added and Cookie dropped. The
 * bench child runs it in its own process; bench/cpu-compare.ts in-process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

class Relay implements Dispatcher.DispatchHandler {
  abort: ((error?: Error) => void) | undefined = undefined;
  constructor(readonly res: ServerResponse) {}
  onConnect(abort: (error?: Error) => void): void {
    this.abort = abort;
  }
  onHeaders(statusCode: number, raw: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true;
    const headers: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toString('latin1');
      const lower = name.toLowerCase();
      if (lower !== 'connection' && lower !== 'transfer-encoding' && lower !== 'keep-alive') headers.push(name, raw[i + 1]!.toString('latin1'));
    }
    this.res.writeHead(statusCode, headers);
    this.res.on('drain', resume);
    return true;
  }
  onData(chunk: Buffer): boolean {
    return this.res.write(chunk);
  }
  onComplete(): void {
    this.res.end();
  }
  onError(): void {
    if (!this.res.headersSent) this.res.writeHead(502, { 'content-length': 0 });
    this.res.end();
  }
}

export function createBareUndiciProxy(upstreamPort: number, token: string): { server: Server; pool: Pool } {
  const bearer = `Bearer ${token}`;
  const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: null, pipelining: 1, keepAliveTimeout: 4_000, bodyTimeout: 0 });
  const server = createServer({ keepAliveTimeout: 65_000 }, (req: IncomingMessage, res: ServerResponse) => {
    const headers: string[] = ['authorization', bearer];
    for (const name in req.headers) {
      if (name === 'host' || name === 'cookie' || name === 'authorization' || name === 'connection' || name === 'keep-alive' || name === 'transfer-encoding') continue;
      const value = req.headers[name];
      if (typeof value === 'string') headers.push(name, value);
    }
    const relay = new Relay(res);
    res.on('close', () => {
      if (!res.writableFinished) relay.abort?.();
    });
    const length = req.headers['content-length'];
    const body = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0') ? req : null;
    pool.dispatch({ method: req.method as Dispatcher.HttpMethod, path: req.url ?? '/', headers, body }, relay);
  });
  return { server, pool };
}
