import { describe, expect, it } from 'vitest';
import { WIDGET_LINK_TTL_MS, WidgetLinkSigner, widgetTarget } from '../../../main/core/gateway/widgets/widget-links.js';

describe('WidgetLinkSigner', () => {
  it('verifies its own links for the agent they name, until they expire, and may be clicked again', () => {
    let now = 1_000_000;
    const signer = new WidgetLinkSigner({ now: () => now });
    const link = signer.mint('a-bob-abcdef', 'clock', '/chat/widgets/clock/x?y=1');
    const check = signer.verify(link, 'a-bob-abcdef', '/chat');
    expect(check).toEqual({ ok: true, claims: { id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), agent: 'a-bob-abcdef', mount: 'clock', to: '/chat/widgets/clock/x?y=1', exp: now + WIDGET_LINK_TTL_MS } });
    expect(signer.verify(link, 'a-bob-abcdef', '/chat').ok).toBe(true);
    expect(signer.verify(link, 'a-eve-abcdef', '/chat')).toEqual({ ok: false, reason: 'wrong-agent' });
    now += WIDGET_LINK_TTL_MS;
    expect(signer.verify(link, 'a-bob-abcdef', '/chat')).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses forged, tampered, foreign and malformed links', () => {
    const signer = new WidgetLinkSigner();
    const link = signer.mint('a-bob-abcdef', 'clock', '/chat/widgets/clock/');
    const [body, mac] = link.split('.') as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ agent: 'a-bob-abcdef', mount: 'admin', to: '/chat/', exp: Date.now() + 1e9 })).toString('base64url');
    expect(signer.verify(`${forgedBody}.${mac}`, 'a-bob-abcdef', '/chat')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(new WidgetLinkSigner().verify(link, 'a-bob-abcdef', '/chat')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify(`${body}.${mac}x`, 'a-bob-abcdef', '/chat').ok).toBe(false);
    for (const bad of [undefined, null, '', 'nodot', 'a.b.c', '.x', 'x'.repeat(5000)]) {
      expect(signer.verify(bad, 'a-bob-abcdef', '/chat')).toEqual({ ok: false, reason: expect.stringMatching(/malformed|bad-signature/) });
    }
  });

  it('never sends the browser outside the widget tree', () => {
    const signer = new WidgetLinkSigner();
    const link = signer.mint('a-bob-abcdef', 'clock', '/chat/v1/responses');
    expect(signer.verify(link, 'a-bob-abcdef', '/chat')).toMatchObject({ ok: true, claims: { to: '/chat/widgets/clock/' } });
  });
});

describe('widgetTarget', () => {
  it.each([
    [undefined, '/chat/widgets/clock/'],
    ['/chat/widgets/clock/a?b', '/chat/widgets/clock/a?b'],
    ['/chat/widgets/clock', '/chat/widgets/clock/'],
    ['/chat/widgets/clockwork/', '/chat/widgets/clock/'],
    ['/chat/', '/chat/widgets/clock/'],
    ['//evil.example/chat/widgets/clock/', '/chat/widgets/clock/'],
    ['http://evil.example/chat/widgets/clock/', '/chat/widgets/clock/'],
    ['/chat/widgets/clock/../../v1', '/chat/widgets/clock/'],
    ['/chat/widgets/clock/%2e%2e/x', '/chat/widgets/clock/'],
  ])('%s → %s', (to, expected) => {
    expect(widgetTarget(to, '/chat', 'clock')).toBe(expected);
  });
});
