/**
 * A reference, not a product: the least a Node reverse proxy can do (one
 * keep-alive Agent, node:http request, pipe both ways, add the bearer). The
 * gateway's gap to this is what its own routing, policy and header rules
 * cost; this one's gap to Go is Node's HTTP stack.
 */
import { Agent, createServer, request } from 'node:http';

const token = process.env.BENCH_UPSTREAM_TOKEN ?? '';
const upstreamPort = Number(process.env.BENCH_UPSTREAM_PORT);
if (token === '' || !Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  throw new Error('BENCH_UPSTREAM_TOKEN and BENCH_UPSTREAM_PORT are required');
}
const bearer = `Bearer ${token}`;
const agent = new Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' });

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const headers = { ...req.headers, authorization: bearer, host: `127.0.0.1:${upstreamPort}` };
  delete headers.cookie;
  const upstream = request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent }, (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
    upstreamRes.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-length': 0 });
    res.end();
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
});
server.on('clientError', (_error, socket) => socket.destroy());

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
  agent.destroy();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
