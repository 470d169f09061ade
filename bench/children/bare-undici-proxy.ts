/**
 * A reference, not a product: the least a Node reverse proxy on undici can
 * do — node:http server, one undici Pool upstream (keep-alive), the bearer
 * added and Cookie dropped, the response head and body passed on with
 * backpressure, no policy and no header rules. The gateway's gap to this is
 * what its routing, sessions and header rules cost; this one's gap to Go is
 * Node's HTTP server plus undici.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

const token = process.env.BENCH_UPSTREAM_TOKEN ?? '';
const upstreamPort = Number(process.env.BENCH_UPSTREAM_PORT);
if (token === '' || !Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  throw new Error('BENCH_UPSTREAM_TOKEN and BENCH_UPSTREAM_PORT are required');
}
const bearer = `Bearer ${token}`;
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: null, pipelining: 1, keepAliveTimeout: 4_000, bodyTimeout: 0 });

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
server.on('clientError', (_error, socket) => socket.destroy());

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
  void pool.destroy();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
