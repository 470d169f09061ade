import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw, send, startHarness, type Harness } from './harness.js';

/** The framed-storage probe page on the gateway's reserved host (main/core/gateway/storage-probe.ts). */
describe('gateway: the storage-probe host', () => {
  let h: Harness;
  let host: string;
  beforeAll(async () => {
    h = await startHarness();
    host = `storage-probe.localhost:${h.port}`;
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves its page, framable by the desk only, with no inline script and the desk origin for its message', async () => {
    const reply = await send(h.port, { host, path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(new RegExp(`frame-ancestors http://desk\\.localhost:${h.port}$`));
    expect(csp).not.toContain('unsafe-inline');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.body).toContain(`data-desk-origin="http://desk.localhost:${h.port}"`);
    expect(reply.body).toContain('<script src="/probe.js" defer></script>');
    // Its only script is the file: no inline script or handler attribute.
    expect(reply.body.match(/<script/g)).toHaveLength(1);
    expect(reply.body).not.toMatch(/\son[a-z]+=/);
  });

  it('serves the probe script, which posts to the desk origin only and cleans up what it wrote', async () => {
    const reply = await send(h.port, { host, path: '/probe.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.body).toContain('postMessage(');
    expect(reply.body).toContain('}, deskOrigin);');
    expect(reply.body).toContain('removeItem(KEY)');
    expect(reply.body).toContain('deleteDatabase(KEY)');
    expect(reply.body).toContain('getRegistrations()');
  });

  it('answers HEAD without a body, refuses other paths and methods, never reaches an agent', async () => {
    const head = await send(h.port, { host, path: '/', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await send(h.port, { host, path: '/other' })).status).toBe(404);
    expect((await send(h.port, { host, path: '/chat/' })).status).toBe(404);
    const post = await send(h.port, { host, path: '/', method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await send(h.port, { host, path: '/../etc/passwd' })).status).toBe(400);
    expect((await send(h.port, { host: 'storage-probe.localhost', path: '/' })).status).toBe(421);
    const upgrade = await sendRaw(h.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(upgrade).toMatch(/^HTTP\/1\.1 404 /);
    expect(h.fake.counters.requests).toBe(0);
  });
});
