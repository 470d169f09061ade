import type { OutgoingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  rewriteWidgetResponseHeaders,
  WIDGET_BASELINE_HEADERS,
  WIDGET_FRAME_CSP,
  WIDGET_PERMISSIONS_POLICY,
  widgetLocation,
} from '../../../main/core/gateway/widgets/widget-headers.js';
import { REDIRECT_BLOCKED_PATH } from '../../../main/core/gateway/widgets/widget-policy.js';

const ORIGIN = 'http://w-aaaaaaaaaaaaaaaaaaaaaaaaaa.localhost:47800';

describe('widget baseline headers', () => {
  it('deny every powerful feature the issue names, and sensors', () => {
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'serial', 'hid', 'clipboard-read', 'accelerometer', 'gyroscope', 'magnetometer']) {
      expect(WIDGET_PERMISSIONS_POLICY).toContain(`${feature}=()`);
    }
    expect(WIDGET_PERMISSIONS_POLICY).not.toMatch(/\*|self/);
  });

  it('are the strict set of docs/security.md (widget isolation)', () => {
    expect(WIDGET_BASELINE_HEADERS).toMatchObject({
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
    });
    expect(WIDGET_FRAME_CSP).toBe("frame-ancestors 'none'");
  });
});

describe('widgetLocation', () => {
  it.each(['next/', '/chat/widgets/clock/x', '?page=2', '#top', `${ORIGIN}/chat/widgets/clock/`, `${ORIGIN}/`, '../up'])('keeps %s (same origin)', (location) => {
    expect(widgetLocation(location, ORIGIN)).toBe(location);
  });

  it.each([
    'http://a-bob-abcdef.localhost:47800/chat/',
    'http://127.0.0.1:8081/chat/',
    'http://127.0.0.1:47800/',
    'http://localhost:9/',
    'http://[::1]:8081/',
    'http://desk.localhost:47800/api/agents',
    'http://w-bbbbbbbbbbbbbbbbbbbbbbbbbb.localhost:47800/',
    'https://w-aaaaaaaaaaaaaaaaaaaaaaaaaa.localhost:47800/',
    'http://w-aaaaaaaaaaaaaaaaaaaaaaaaaa.localhost:47801/',
    '//evil.example/',
    '\\\\evil.example/',
    '/\\evil.example/',
    'https://example.com/oauth',
    'javascript:alert(1)',
    'data:text/html,hi',
    'http://[::1',
  ])('neutralises %s', (location) => {
    expect(widgetLocation(location, ORIGIN)).toBe(REDIRECT_BLOCKED_PATH);
  });
});

describe('rewriteWidgetResponseHeaders', () => {
  it('drops cookies, header redirects, CORS grants and service-worker scope widening', () => {
    const headers: OutgoingHttpHeaders = {
      'set-cookie': ['a=1; Domain=localhost', 'b=2; Domain=.localhost; Path=/'],
      refresh: '0; url=http://127.0.0.1:8081/',
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
      'service-worker-allowed': '/',
      'content-type': 'text/html',
    };
    expect(rewriteWidgetResponseHeaders(200, headers, ORIGIN)).toEqual({ redirectBlocked: false });
    expect(headers['set-cookie']).toBeUndefined();
    expect(headers.refresh).toBeUndefined();
    expect(headers['access-control-allow-origin']).toBeUndefined();
    expect(headers['access-control-allow-credentials']).toBeUndefined();
    expect(headers['service-worker-allowed']).toBeUndefined();
    expect(headers['content-type']).toBe('text/html');
  });

  it('keeps the widget own CSP and appends frame-ancestors as a separate value', () => {
    const one: OutgoingHttpHeaders = { 'content-security-policy': "default-src 'self'" };
    rewriteWidgetResponseHeaders(200, one, ORIGIN);
    expect(one['content-security-policy']).toEqual(["default-src 'self'", WIDGET_FRAME_CSP]);
    // Node hands repeated unknown headers over as arrays at runtime.
    const many = { 'content-security-policy': ["script-src 'self'", 'img-src *'] } as unknown as OutgoingHttpHeaders;
    rewriteWidgetResponseHeaders(200, many, ORIGIN);
    expect(many['content-security-policy']).toEqual(["script-src 'self'", 'img-src *', WIDGET_FRAME_CSP]);
    const none: OutgoingHttpHeaders = {};
    rewriteWidgetResponseHeaders(200, none, ORIGIN);
    expect(none['content-security-policy']).toBe(WIDGET_FRAME_CSP);
  });

  it('replaces weaker baseline headers the widget sent', () => {
    const headers: OutgoingHttpHeaders = {
      'referrer-policy': 'unsafe-url',
      'cross-origin-opener-policy': 'unsafe-none',
      'cross-origin-resource-policy': 'cross-origin',
      'permissions-policy': 'camera=*',
      'x-frame-options': 'ALLOWALL',
    };
    rewriteWidgetResponseHeaders(200, headers, ORIGIN);
    expect(headers).toMatchObject(WIDGET_BASELINE_HEADERS);
  });

  it('neutralises redirects off the widget host on every status and says so', () => {
    for (const status of [301, 302, 303, 307, 308, 201, 200]) {
      const headers: OutgoingHttpHeaders = { location: 'http://127.0.0.1:8081/chat/?token=x' };
      expect(rewriteWidgetResponseHeaders(status, headers, ORIGIN)).toEqual({ redirectBlocked: true });
      expect(headers.location).toBe(REDIRECT_BLOCKED_PATH);
    }
    const fine: OutgoingHttpHeaders = { location: '/chat/widgets/clock/' };
    expect(rewriteWidgetResponseHeaders(307, fine, ORIGIN)).toEqual({ redirectBlocked: false });
    expect(fine.location).toBe('/chat/widgets/clock/');
  });

  it('removes hop-by-hop headers, including those named in Connection', () => {
    const headers: OutgoingHttpHeaders = { connection: 'x-secret-hop, keep-alive', 'x-secret-hop': '1', 'keep-alive': 'timeout=5', trailer: 'x' };
    rewriteWidgetResponseHeaders(200, headers, ORIGIN);
    expect(headers['x-secret-hop']).toBeUndefined();
    expect(headers['keep-alive']).toBeUndefined();
    expect(headers.trailer).toBeUndefined();
  });
});
