/**
 * A reference, not a product: the least a Node reverse proxy on undici can
 * do — node:http server, one undici Pool upstream (keep-alive), the bearer
 * added and Cookie dropped, the response head and body passed on with
 * backpressure, no policy and no header rules. The gateway's gap to this is
 * what its routing, sessions and header rules cost; this one's gap to Go is
 * Node's HTTP server plus undici.
 */
import { createBareUndiciProxy } from './bare-undici-relay.js';

const token = process.env.BENCH_UPSTREAM_TOKEN ?? '';
const upstreamPort = Number(process.env.BENCH_UPSTREAM_PORT);
if (token === '' || !Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  throw new Error('BENCH_UPSTREAM_TOKEN and BENCH_UPSTREAM_PORT are required');
}
const { server, pool } = createBareUndiciProxy(upstreamPort, token);

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
