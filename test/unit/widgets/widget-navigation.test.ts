import { describe, expect, it } from 'vitest';
import { agentWidgetNavigation } from '../../../main/core/gateway/widgets/widget-navigation.js';

const DOC = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
const IFRAME = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' };
const FETCH = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };

describe('agentWidgetNavigation', () => {
  it('sends a top-level document navigation to the widget host (enter redirect), slash form, query kept', () => {
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', DOC, '/chat')).toEqual({ kind: 'enter-redirect', mount: 'clock', to: '/chat/widgets/clock/' });
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/a/b?x=1', DOC, '/chat')).toEqual({ kind: 'enter-redirect', mount: 'clock', to: '/chat/widgets/clock/a/b?x=1' });
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock?x=1', DOC, '/chat')).toEqual({ kind: 'enter-redirect', mount: 'clock', to: '/chat/widgets/clock/?x=1' });
    expect(agentWidgetNavigation('GET', '/widgets/clock/', DOC, '')).toEqual({ kind: 'enter-redirect', mount: 'clock', to: '/widgets/clock/' });
  });

  it('answers every other navigation (iframe, frame, object, POST) with the link page', () => {
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', IFRAME, '/chat')).toEqual({ kind: 'link-page', mount: 'clock', to: '/chat/widgets/clock/' });
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', { ...IFRAME, 'sec-fetch-dest': 'frame' }, '/chat').kind).toBe('link-page');
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', { ...IFRAME, 'sec-fetch-dest': 'object' }, '/chat').kind).toBe('link-page');
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', { ...IFRAME, 'sec-fetch-mode': 'nested-navigate' }, '/chat').kind).toBe('link-page');
    expect(agentWidgetNavigation('POST', '/chat/widgets/clock/', DOC, '/chat').kind).toBe('link-page');
  });

  it("passes the agent's own fetch and header-less clients through", () => {
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', FETCH, '/chat')).toEqual({ kind: 'proxy' });
    expect(agentWidgetNavigation('POST', '/chat/widgets/clock/api', FETCH, '/chat')).toEqual({ kind: 'proxy' });
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', {}, '/chat')).toEqual({ kind: 'proxy' });
    expect(agentWidgetNavigation('GET', '/chat/widgets/clock/', { ...FETCH, 'sec-fetch-dest': 'script' }, '/chat')).toEqual({ kind: 'proxy' });
  });

  it('leaves non-widget paths alone', () => {
    for (const url of ['/chat/', '/chat/widgets', '/chat/v1/responses', '/chat/widgetsx/clock/', '/other/widgets/clock/']) {
      expect(agentWidgetNavigation('GET', url, DOC, '/chat')).toEqual({ kind: 'proxy' });
    }
  });

  it('refuses navigations to bad or percent-encoded mounts', () => {
    for (const url of ['/chat/widgets/Clock/', '/chat/widgets/%63lock/', '/chat/widgets/-x', '/chat/widgets//', `/chat/widgets/${'a'.repeat(65)}/`]) {
      expect(agentWidgetNavigation('GET', url, DOC, '/chat').kind).toBe('bad-mount');
    }
  });

  it('recognises the widget link with its token, whatever the headers', () => {
    expect(agentWidgetNavigation('GET', '/__desk/widget-link?t=abc.def', DOC, '/chat')).toEqual({ kind: 'widget-link', token: 'abc.def' });
    expect(agentWidgetNavigation('GET', '/__desk/widget-link', {}, '/chat')).toEqual({ kind: 'widget-link', token: null });
  });
});
