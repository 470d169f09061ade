import { describe, expect, it } from 'vitest';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { agentLabel } from '../../../main/core/hosts/index.js';
import { decideAgentNavigation, decideMainWindowNavigation, decideMainWindowOpen, decideWidgetNavigation, mainFrameAllowed, urlForLog } from '../../../main/core/shell/navigation-policy.js';

const PORT = 47800;
const alpha = agentLabel(TEST_INSTALL_KEY, 'alpha', '/ws/alpha');
const origin = `http://${alpha}.localhost:${PORT}`;
const context = { agentOrigin: origin, basePath: '/chat' };

describe('decideMainWindowNavigation', () => {
  it('keeps the main window on app://desk', () => {
    expect(decideMainWindowNavigation('app://desk/index.html#/agents')).toEqual({ action: 'allow' });
    for (const url of ['https://example.com/', `${origin}/chat/`, 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)']) {
      expect(decideMainWindowNavigation(url).action, url).toBe('deny');
    }
  });
});

describe('decideMainWindowOpen', () => {
  it('turns widget enter URLs into widget windows and web links into the system browser', () => {
    const widget = `w-${'d'.repeat(26)}`;
    const enter = `http://${widget}.localhost:${PORT}/__desk/enter?g=abc&to=%2Fchat%2Fwidgets%2Fclock%2F`;
    expect(decideMainWindowOpen(enter, PORT)).toEqual({ action: 'open-widget-window', url: enter, label: widget });
    expect(decideMainWindowOpen('https://term-llm.example/docs', PORT)).toEqual({ action: 'open-external', url: 'https://term-llm.example/docs' });
  });

  it('refuses agent and desk hosts, other ports and other schemes', () => {
    const widget = `w-${'d'.repeat(26)}`;
    for (const url of [`${origin}/chat/`, `http://desk.localhost:${PORT}/`, `http://${widget}.localhost:${PORT + 1}/`, 'file:///etc/passwd', 'javascript:alert(1)', 'app://desk/index.html', 'https://u:p@example.com/', '%%%']) {
      expect(decideMainWindowOpen(url, PORT).action, url).toBe('deny');
    }
  });
});

describe('decideAgentNavigation', () => {
  it("lets an agent's page move around its own host", () => {
    expect(decideAgentNavigation(`${origin}/chat/`, context, 'navigate')).toEqual({ action: 'allow' });
    expect(decideAgentNavigation(`${origin}/chat/sessions/42`, context, 'navigate')).toEqual({ action: 'allow' });
  });

  it('sends widget paths to a widget window, with or without a trailing path', () => {
    expect(decideAgentNavigation(`${origin}/chat/widgets/clock/`, context, 'navigate')).toEqual({ action: 'open-widget', mount: 'clock' });
    expect(decideAgentNavigation(`${origin}/chat/widgets/clock`, context, 'window-open')).toEqual({ action: 'open-widget', mount: 'clock' });
    expect(decideAgentNavigation(`${origin}/chat/widgets/my-app/index.html?x=1`, context, 'navigate')).toEqual({ action: 'open-widget', mount: 'my-app' });
    expect(decideAgentNavigation(`${origin}/widgets/my-app/`, { agentOrigin: origin, basePath: '' }, 'navigate')).toEqual({ action: 'open-widget', mount: 'my-app' });
  });

  it('does not treat bad mounts or other bases as widgets', () => {
    expect(decideAgentNavigation(`${origin}/chat/widgets/Bad_Mount/`, context, 'navigate')).toEqual({ action: 'allow' });
    expect(decideAgentNavigation(`${origin}/other/widgets/clock/`, context, 'navigate')).toEqual({ action: 'allow' });
    const otherAgent = `http://${agentLabel(TEST_INSTALL_KEY, 'beta', '/ws/beta')}.localhost:${PORT}/chat/widgets/clock/`;
    expect(decideAgentNavigation(otherAgent, context, 'navigate').action).toBe('deny');
  });

  it('opens other http(s) links in the system browser', () => {
    expect(decideAgentNavigation('https://docs.example.com/a?b=c', context, 'navigate')).toEqual({ action: 'open-external', url: 'https://docs.example.com/a?b=c' });
    expect(decideAgentNavigation('http://example.org/', context, 'window-open')).toEqual({ action: 'open-external', url: 'http://example.org/' });
  });

  it('denies every other scheme, other desk hosts, credentials and same-host popups', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://desk/index.html', 'smb://host/share', 'data:text/html,x', `http://desk.localhost:${PORT}/`, `http://w-${'a'.repeat(26)}.localhost:${PORT}/`, 'https://user:pw@example.com/', 'nonsense']) {
      expect(decideAgentNavigation(url, context, 'navigate').action, url).toBe('deny');
    }
    expect(decideAgentNavigation(`${origin}/chat/`, context, 'window-open').action).toBe('deny');
  });
});

describe('decideWidgetNavigation', () => {
  const widgetOrigin = `http://w-${'b'.repeat(26)}.localhost:${PORT}`;
  it('keeps a widget window on its widget host and opens nothing', () => {
    expect(decideWidgetNavigation(`${widgetOrigin}/chat/widgets/clock/page2`, widgetOrigin, 'navigate')).toEqual({ action: 'allow' });
    expect(decideWidgetNavigation('https://example.com/', widgetOrigin, 'navigate').action).toBe('deny');
    expect(decideWidgetNavigation(`${origin}/chat/`, widgetOrigin, 'navigate').action).toBe('deny');
    expect(decideWidgetNavigation(`${widgetOrigin}/x`, widgetOrigin, 'window-open').action).toBe('deny');
  });
});

describe('urlForLog', () => {
  it('keeps grants, credentials and script out of log lines', () => {
    expect(urlForLog(`${origin}/__desk/enter?g=SECRETGRANT#frag`)).toBe(`${origin}/__desk/enter`);
    expect(urlForLog('https://user:pw@example.com/a?token=x')).toBe('https://example.com/a');
    expect(urlForLog('javascript:alert(document.cookie)')).toBe('javascript:…');
    expect(urlForLog('not a url')).toBe('(unparseable URL)');
  });
});

describe('mainFrameAllowed', () => {
  it("lets a partition load top-level documents from its own origin only", () => {
    expect(mainFrameAllowed(`${origin}/__desk/enter?g=x`, origin)).toBe(true);
    expect(mainFrameAllowed(`${origin}/chat/widgets/clock/`, origin)).toBe(true);
    for (const url of [`http://${agentLabel(TEST_INSTALL_KEY, 'beta', '/ws/beta')}.localhost:${PORT}/chat/`, 'https://example.com/', 'file:///etc/passwd', `http://u:p@${alpha}.localhost:${PORT}/`, 'bad']) {
      expect(mainFrameAllowed(url, origin), url).toBe(false);
    }
  });
});
