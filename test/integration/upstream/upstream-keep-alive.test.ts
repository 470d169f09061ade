/**
 * Idle pooled sockets to an agent close after the client's own keep-alive
 * (KEEP_ALIVE_TIMEOUT_MS) even when the agent says it would keep them longer:
 * a burst of 1,000 SSE streams otherwise left 1,000 idle sockets open for the
 * agent's 65 s (bench/README.md, "SSE, memory").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../../../main/core/upstream/index.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('UpstreamClient keep-alive', () => {
  let server: Server;
  let client: UpstreamClient;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    // Node's own server announces `Keep-Alive: timeout=65` and would hold the socket that long.
    server = createServer({ keepAliveTimeout: 65_000 }, (_req, res) => res.end('ok'));
    server.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new UpstreamClient();
  });
  afterEach(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    sockets.length = 0;
  });

  it('closes an idle pooled socket by its own deadline, not the longer one the agent announces', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await client.pool(origin).request({ method: 'GET', path: '/' });
    expect(response.headers['keep-alive']).toBe('timeout=65');
    expect(await response.body.text()).toBe('ok');
    expect(sockets).toHaveLength(1);
    // The client closes it (the server would wait 65 s); the deadline only bounds a failing run.
    await waitFor(() => sockets[0]!.destroyed, { timeoutMs: 20_000, intervalMs: 100, message: 'the idle upstream socket to close' });
  }, 30_000);
});
