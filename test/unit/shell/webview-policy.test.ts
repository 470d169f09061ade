import { describe, expect, it } from 'vitest';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { agentLabel } from '../../../main/core/hosts/index.js';
import { applyWebviewDecision, decideWebviewAttach } from '../../../main/core/shell/webview-policy.js';

const PORT = 47800;
const alpha = agentLabel(TEST_INSTALL_KEY, 'alpha', '/ws/alpha');
const known = new Set([alpha]);
const request = (src: string | undefined) => ({ src, gatewayPort: PORT, isKnownAgent: (label: string) => known.has(label) });

describe('decideWebviewAttach', () => {
  it("gives a known agent's host its own persistent partition and a locked-down guest", () => {
    const src = `http://${alpha}.localhost:${PORT}/__desk/enter?g=abc&to=%2Fchat%2F`;
    const decision = decideWebviewAttach(request(src));
    expect(decision).toMatchObject({ allow: true, label: alpha, params: { src, partition: `persist:agent-${alpha}` } });
    if (!decision.allow) throw new Error('unreachable');
    expect(decision.webPreferences).toMatchObject({
      partition: `persist:agent-${alpha}`,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(decision.webPreferences).not.toHaveProperty('preload');
  });

  it('refuses a src that is not a known agent host on this gateway', () => {
    const cases = [
      undefined,
      '',
      'file:///etc/passwd',
      `https://${alpha}.localhost:${PORT}/`,
      `http://${alpha}.localhost:${PORT + 1}/`,
      `http://user:pw@${alpha}.localhost:${PORT}/`,
      `http://desk.localhost:${PORT}/`,
      `http://a-other-aaaaaa.localhost:${PORT}/`,
      `http://x.${alpha}.localhost:${PORT}/`,
      `http://127.0.0.1:${PORT}/`,
      'javascript:alert(1)',
      'not a url',
    ];
    for (const src of cases) {
      const decision = decideWebviewAttach(request(src));
      expect(decision.allow, String(src)).toBe(false);
      if (!decision.allow) expect(decision.reason.length).toBeGreaterThan(5);
    }
  });
});

describe('applyWebviewDecision', () => {
  it('drops everything the page supplied: preload, partition, webpreferences, referrer', () => {
    const src = `http://${alpha}.localhost:${PORT}/__desk/enter?g=abc`;
    const decision = decideWebviewAttach(request(src));
    if (!decision.allow) throw new Error('expected allow');
    const webPreferences: Record<string, unknown> = { preload: '/tmp/evil.js', nodeIntegration: true, partition: 'persist:agent-other', sandbox: false, contextIsolation: false, enableBlinkFeatures: 'X' };
    const params: Record<string, unknown> = { instanceId: '7', src, preload: 'file:///tmp/evil.js', partition: 'x', webpreferences: 'nodeIntegration=yes', httpreferrer: 'http://evil', useragent: 'x' };
    applyWebviewDecision(decision, webPreferences, params);
    expect(webPreferences).toEqual(decision.webPreferences);
    expect(params).toEqual({ instanceId: '7', src, partition: `persist:agent-${alpha}` });
  });
});
