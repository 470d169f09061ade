import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../../main/core/gateway/gateway.js';
import { isPortFree, nextFreePort, probePortHolder } from '../../../main/core/shell/port-choice.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';

/** Real listeners on loopback: our gateway, another HTTP server, a raw TCP service. */
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('probePortHolder: who holds the port', () => {
  it('recognises another Agent Desk gateway', async () => {
    const gateway: Gateway = createGateway({ port: 0, bindHosts: ['127.0.0.1'], agents: new StaticAgentSource() });
    await gateway.listen();
    closers.push(() => gateway.close());
    expect(await probePortHolder(gateway.port)).toBe('agent-desk');
  });

  it('an ordinary web server is "other", even one answering 421', async () => {
    const port = await listen(createHttpServer((_req, res) => res.writeHead(421).end('Misdirected Request')));
    expect(await probePortHolder(port)).toBe('other');
    const plain = await listen(createHttpServer((_req, res) => res.end('hello')));
    expect(await probePortHolder(plain)).toBe('other');
  });

  it('a service that never answers HTTP is "other" after the timeout', async () => {
    const sockets = new Set<Socket>();
    const silent = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    const port = await listen(silent);
    closers.unshift(async () => {
      for (const socket of sockets) socket.destroy();
    });
    expect(await probePortHolder(port, 200)).toBe('other');
  });
});

describe('isPortFree / nextFreePort', () => {
  it('sees a taken port as taken and finds the next free one after it', async () => {
    const port = await listen(createHttpServer());
    expect(await isPortFree(port)).toBe(false);
    const next = await nextFreePort(port);
    expect(next).toBeGreaterThan(port);
    expect(await isPortFree(next!)).toBe(true);
  });

  it('skips taken ports and gives up after the tries', async () => {
    const taken = new Set([101, 102]);
    expect(await nextFreePort(100, async (port) => !taken.has(port))).toBe(103);
    expect(await nextFreePort(100, async () => false, 5)).toBeUndefined();
    expect(await nextFreePort(65535, async () => true)).toBeUndefined();
  });
});
