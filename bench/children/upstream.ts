/**
 * The minimal upstream every path is measured against: a small GET answer and
 * an SSE stream that sends its first event at once, then only keep-alive
 * comments. It checks the bearer so a proxy that forgot it is caught.
 * Runs in its own process so it never shares a CPU queue with the proxy.
 */
import { createServer } from 'node:http';
import { answerRequests, resourceCounts } from './ipc.js';

const token = process.env.BENCH_UPSTREAM_TOKEN ?? '';
if (token === '') throw new Error('BENCH_UPSTREAM_TOKEN is required');
const bearer = `Bearer ${token}`;
const PING_BODY = Buffer.from('ok');
const FIRST_EVENT = 'event: response.created\ndata: {"type":"response.created"}\n\n';
let openStreams = 0;
let unauthorized = 0;
/** Connections accepted: with a pooling proxy this stays near the client's connection count. */
let connections = 0;

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (req.headers.authorization !== bearer) {
    unauthorized += 1;
    res.writeHead(401, { 'content-type': 'application/json', 'content-length': 2 });
    res.end('{}');
    return;
  }
  if (req.method === 'GET' && req.url === '/chat/ping') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': PING_BODY.length });
    res.end(PING_BODY);
    return;
  }
  if (req.method === 'POST' && req.url === '/chat/v1/responses') {
    req.resume();
    openStreams += 1;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(FIRST_EVENT);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.once('close', () => {
      clearInterval(keepAlive);
      openStreams -= 1;
    });
    return;
  }
  res.writeHead(404, { 'content-length': 0 });
  res.end();
});
server.on('clientError', (_error, socket) => socket.destroy());
server.on('connection', () => (connections += 1));

answerRequests({
  stats: () => ({ openStreams, unauthorized, connections, ...resourceCounts() }),
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
});

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
