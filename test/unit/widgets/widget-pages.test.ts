import { describe, expect, it } from 'vitest';
import { sessionSetCookie } from '../../../main/core/gateway/cookies.js';
import {
  badMountPage,
  linkPage,
  redirectBlockedPage,
  widgetGrantExpiredPage,
  widgetLinkExpiredPage,
} from '../../../main/core/gateway/widgets/widget-pages.js';

describe('widget pages', () => {
  it('the link page names agent and widget, escapes them, and opens a new tab without an opener', () => {
    const page = linkPage('Bob <script>', 'Clock & "Co"', '/__desk/widget-link?t=abc.def');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Bob &#60;script&#62;');
    expect(page.body).toContain('Clock &#38; &#34;Co&#34;');
    expect(page.body).not.toContain('<script');
    expect(page.body).toMatch(/<a id="open-widget" href="\/__desk\/widget-link\?t=abc\.def" target="_blank" rel="noopener noreferrer">/);
  });

  it('expired pages say how to open the widget again', () => {
    expect(widgetGrantExpiredPage()).toMatchObject({ status: 403, title: expect.stringMatching(/expired/) });
    expect(widgetGrantExpiredPage().body).toMatch(/open the widget again/i);
    expect(widgetLinkExpiredPage().body).toMatch(/Reload the agent/);
    expect(redirectBlockedPage().status).toBe(502);
    expect(badMountPage('a <b>').body).toBe('<p>a &#60;b&#62;.</p>');
  });

  it('the widget cookie is host-only, HttpOnly, Secure and SameSite=Strict', () => {
    expect(sessionSetCookie('x'.repeat(43), 'widget')).toBe(`__Host-desk-session=${'x'.repeat(43)}; Path=/; HttpOnly; Secure; SameSite=Strict`);
  });
});
