import { ISOLATED_WEB_PREFERENCES } from './isolation.js';
import { agentPartition, gatewayLabelOf } from './partitions.js';

/** The webPreferences every agent `<webview>` guest gets, whatever the page asked for. */
export interface GuestWebPreferences {
  partition: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInSubFrames: false;
  nodeIntegrationInWorker: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  javascript: true;
  webviewTag: false;
  plugins: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  /**
   * Popups reach our `setWindowOpenHandler`, which never lets one open: a
   * widget goes to its own window and every other link to the system browser.
   */
  disablePopups: false;
}

export interface WebviewRequest {
  /** `params.src` of the `<webview>`; the enter URL on the agent's host. */
  src: string | undefined;
  gatewayPort: number;
  /** Labels of agents the desk knows and can open right now. */
  isKnownAgent(label: string): boolean;
}

export type WebviewDecision =
  | { allow: true; label: string; webPreferences: GuestWebPreferences; params: { src: string; partition: string } }
  | { allow: false; reason: string };

/**
 * `will-attach-webview`: a guest may only load its agent's own host, and
 * gets a fixed, sandboxed set of preferences — the requested partition,
 * preload, `webpreferences` string, user agent and referrer are all dropped.
 */
export function decideWebviewAttach(request: WebviewRequest): WebviewDecision {
  const { src } = request;
  if (!src) return { allow: false, reason: 'a webview needs a src on an agent host' };
  const label = gatewayLabelOf(src, request.gatewayPort);
  if (label === undefined) {
    return { allow: false, reason: `webview src is not an agent host on this desk's gateway (port ${request.gatewayPort})` };
  }
  if (!request.isKnownAgent(label)) return { allow: false, reason: `no agent with host label "${label}"` };
  const partition = agentPartition(label);
  return {
    allow: true,
    label,
    webPreferences: {
      partition,
      ...ISOLATED_WEB_PREFERENCES,
      javascript: true,
      webviewTag: false,
      plugins: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      disablePopups: false,
    },
    params: { src, partition },
  };
}

/**
 * Applies a decision to the objects Electron hands to `will-attach-webview`
 * (mutated in place, as Electron reads them back): every key not in the
 * sanitized set is deleted, so nothing the page supplied survives.
 */
export function applyWebviewDecision(
  decision: Extract<WebviewDecision, { allow: true }>,
  webPreferences: Record<string, unknown>,
  params: Record<string, unknown>,
): void {
  for (const key of Object.keys(webPreferences)) delete webPreferences[key];
  Object.assign(webPreferences, decision.webPreferences);
  for (const key of Object.keys(params)) {
    // `instanceId` is Electron's own bookkeeping for the element, not page input.
    if (key !== 'instanceId') delete params[key];
  }
  Object.assign(params, decision.params);
}
