import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../../helpers/wait-for.js';
import { enterAgent, send, sendRaw, startHarness, type Harness } from './harness.js';

/** Slowloris (headers never finish), idle keep-alive (one answered request, then nothing), slow unauthenticated body. */
type SlowKind = 'headers' | 'idle' | 'body';

interface SlowConnection {
  kind: SlowKind;
  socket: Socket;
  /** What the gateway sent before it closed the connection. */
  closed: Promise<string>;
  isClosed(): boolean;
}

/** True once `received` holds one whole answer (head and a Content-Length body). */
function answered(received: string): boolean {
  const end = received.indexOf('\r\n\r\n');
  const length = /\r\ncontent-length: (\d+)\r\n/i.exec(received);
  return end >= 0 && length !== null && received.length - end - 4 >= Number(length[1]);
}

/**
 * Opens one slow connection; resolves once it is held (headers sent, or the first answer read) —
 * or already closed, which a busy machine can make happen before the first answer.
 */
function openSlow(h: Harness, kind: SlowKind): Promise<SlowConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(h.port, '127.0.0.1');
    let received = '';
    let closedFlag = false;
    const held: SlowConnection = { kind, socket, closed: Promise.resolve(''), isClosed: () => closedFlag };
    held.closed = new Promise<string>((done) =>
      socket.once('close', () => {
        closedFlag = true;
        done(received);
        resolve(held);
      }),
    );
    socket.on('error', () => {});
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // idle and body: the gateway has answered (a 401 / 404 with a body), and the connection stays.
      if (kind !== 'headers' && answered(received)) resolve(held);
    });
    socket.once('connect', () => {
      if (kind === 'headers') socket.write(`GET /chat/ HTTP/1.1\r\nHost: ${h.host}\r\nX-Slow: `, () => resolve(held));
      if (kind === 'idle') socket.write(`GET /nothing HTTP/1.1\r\nHost: ${h.deskHost}\r\n\r\n`);
      // No session: the gateway answers 401 at once; the promised body then trickles (here: never comes).
      if (kind === 'body') socket.write(`POST /chat/__test/upload HTTP/1.1\r\nHost: ${h.host}\r\nContent-Length: 100000\r\n\r\nabc`);
    });
  });
}

/** 2,000 slow connections of all three kinds, opened 100 at a time. */
async function openMany(h: Harness, count: number): Promise<SlowConnection[]> {
  const kinds: SlowKind[] = ['headers', 'idle', 'body'];
  const all: SlowConnection[] = [];
  for (let i = 0; i < count; i += 100) {
    all.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, j) => openSlow(h, kinds[(i + j) % 3]!)))));
  }
  return all;
}

/** A keep-alive connection whose one request carried the agent session, answered and then left idle. */
function openAuthenticatedIdle(h: Harness, cookie: string): Promise<SlowConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(h.port, '127.0.0.1');
    let received = '';
    let closedFlag = false;
    const held: SlowConnection = { kind: 'idle', socket, closed: Promise.resolve(''), isClosed: () => closedFlag };
    held.closed = new Promise<string>((done) => socket.once('close', () => ((closedFlag = true), done(received))));
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (answered(received)) {
        if (!received.startsWith('HTTP/1.1 200 ')) reject(new Error(`the authenticated request answered ${received.slice(0, 40)}`));
        resolve(held);
      }
    });
    socket.once('connect', () => socket.write(`GET /chat/__test/echo HTTP/1.1\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\n\r\n`));
  });
}

let h: Harness | undefined;
let slow: SlowConnection[] = [];
afterEach(async () => {
  for (const connection of slow) connection.socket.destroy();
  slow = [];
  await h?.close();
  h = undefined;
});

describe('bounded connections', () => {
  it('holds 2,000 slow connections and still answers a real request', async () => {
    h = await startHarness({ gateway: { connections: { headersTimeoutMs: 120_000, bodyTimeoutMs: 120_000, keepAliveTimeoutMs: 120_000 } } });
    slow = await openMany(h, 2_000);
    const cookie = await enterAgent(h);
    const reply = await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(slow.filter((connection) => connection.isClosed())).toHaveLength(0);
  }, 120_000);

  it('closes slow connections after their timeouts: partial headers get a 408, idle and slow-body ones are closed', async () => {
    h = await startHarness({ gateway: { connections: { headersTimeoutMs: 500, bodyTimeoutMs: 500, keepAliveTimeoutMs: 500 } } });
    slow = await openMany(h, 2_000);
    const answers = await Promise.all(slow.map((connection) => connection.closed));
    for (const [i, answer] of answers.entries()) {
      if (slow[i]!.kind === 'headers') expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      // Their answer, then the close; a busy machine may reach the header timeout first.
      if (slow[i]!.kind === 'idle') expect(answer).toMatch(/^HTTP\/1\.1 (404|408) /);
      if (slow[i]!.kind === 'body') expect(answer).toMatch(/^HTTP\/1\.1 (401|408) /);
    }
    const cookie = await enterAgent(h);
    expect((await send(h.port, { host: h.host, path: '/chat/__test/echo', headers: { cookie } })).status).toBe(200);
  }, 120_000);

  it('authenticated streams keep no total timeout: an SSE stream, a WebSocket and a slow upload outlive the header, body and idle timeouts', async () => {
    h = await startHarness({ gateway: { connections: { headersTimeoutMs: 300, bodyTimeoutMs: 300, keepAliveTimeoutMs: 300 } } });
    const cookie = await enterAgent(h);
    const sse = httpRequest({ hostname: '127.0.0.1', port: h.port, method: 'POST', path: '/chat/v1/responses', agent: false, headers: { host: h.host, cookie, 'content-type': 'application/json' } });
    sse.on('error', () => {});
    sse.end(JSON.stringify({ stream: true, forever: true, intervalMs: 20 }));
    const stream = await new Promise<IncomingMessage>((resolve) => sse.on('response', resolve));
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let events = 0;
    stream.on('data', (chunk: Buffer) => (events += chunk.toString().split('event: ').length - 1));
    const upload = httpRequest({ hostname: '127.0.0.1', port: h.port, method: 'POST', path: '/chat/__test/upload', agent: false, headers: { host: h.host, cookie, 'content-length': '20' } });
    const uploaded = new Promise<IncomingMessage>((resolve, reject) => upload.on('response', resolve).on('error', reject));
    upload.write('0123456789');
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/chat/__test/ws`, { headers: { host: h.host, cookie } });
    ws.on('error', () => {});
    await new Promise((resolve, reject) => ws.once('message', resolve).once('error', reject));
    // One connection of each slow kind, opened after the stream and the upload began; all three are closed by their timeouts.
    slow = await Promise.all((['headers', 'idle', 'body'] as const).map((kind) => openSlow(h!, kind)));
    await Promise.all(slow.map((connection) => connection.closed));
    const before = events;
    await waitFor(() => events > before, { message: 'SSE events keep coming after every timeout has passed' });
    expect(stream.destroyed).toBe(false);
    const echo = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
    ws.send('still here');
    expect(await echo).toBe('still here');
    ws.close();
    upload.end('abcdefghij');
    const reply = await uploaded;
    const body = await new Promise<string>((resolve) => {
      let text = '';
      reply.on('data', (chunk: Buffer) => (text += chunk.toString())).on('end', () => resolve(text));
    });
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ bytes: 20 });
    sse.destroy();
  }, 60_000);

  it('at the cap, a newcomer takes the place of the oldest connection that never authenticated: a flood cannot lock the user out', async () => {
    const limits = { maxConnections: 50, headersTimeoutMs: 120_000, bodyTimeoutMs: 120_000, keepAliveTimeoutMs: 120_000 };
    h = await startHarness({ gateway: { connections: limits } });
    const cookie = await enterAgent(h);
    const mine = await openAuthenticatedIdle(h, cookie);
    // Four times the cap of slow connections: each one past the cap pushes out an older one, never the user's.
    slow = await openMany(h, 200);
    expect(h.gateway.openConnections).toBeLessThanOrEqual(50);
    // The oldest went first (the gateway closed them; the client hears it a moment later).
    await waitFor(() => slow.slice(0, 150).every((connection) => connection.isClosed()), { message: 'the 150 oldest slow connections closed' });
    expect(slow.slice(150).filter((connection) => !connection.isClosed()).length).toBeGreaterThan(0);
    expect(mine.isClosed()).toBe(false);
    // A new connection from the user is served at once, and so is the kept one.
    const enter = new URL(h.gateway.agentEnterUrl(h.agent.record.id));
    expect((await send(h.port, { host: enter.host, path: enter.pathname + enter.search })).status).toBe(302);
    mine.socket.write(`GET /chat/__test/echo HTTP/1.1\r\nHost: ${h.host}\r\nCookie: ${cookie}\r\n\r\n`);
    const second = await new Promise<string>((resolve) => mine.socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    expect(second).toMatch(/^HTTP\/1\.1 200 /);
  }, 60_000);

  it('past the cap with every connection authenticated, the newcomer gets a short 503 and is closed, never handled; a freed slot is used again', async () => {
    h = await startHarness({ gateway: { connections: { maxConnections: 5, keepAliveTimeoutMs: 60_000 } } });
    const cookie = await enterAgent(h);
    await waitFor(() => h!.gateway.openConnections === 0, { message: 'the enter connection closed' });
    slow = await Promise.all(Array.from({ length: 5 }, () => openAuthenticatedIdle(h!, cookie)));
    // An enter link sent on the refused connection: had it been handled, the grant would be spent.
    const enter = new URL(h.gateway.agentEnterUrl(h.agent.record.id));
    const refused = await sendRaw(h.port, `GET ${enter.pathname}${enter.search} HTTP/1.1\r\nHost: ${enter.host}\r\n\r\n`);
    expect(refused).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(refused).toMatch(/too many open connections/);
    expect(refused.length).toBeLessThan(400);
    slow[0]!.socket.destroy();
    const reply = await waitFor(
      async () => {
        const attempt = await send(h!.port, { host: enter.host, path: enter.pathname + enter.search });
        return attempt.status === 503 ? undefined : attempt;
      },
      { message: 'the enter link answered once a slot is free' },
    );
    expect(reply.status).toBe(302);
  });
});
