import { app, session, type Session, type WebContents } from 'electron';
import type { DeskShortcut } from '../../preload/contract.js';
import type { Desk } from '../core/desk.js';
import {
  agentPartition,
  applyWebviewDecision,
  decideAgentNavigation,
  decidePermission,
  decideWebviewAttach,
  deskTakesNotifications,
  deskShortcutFor,
  gatewayOrigin,
  isActivatingInput,
  mainFrameAllowed,
  urlForLog,
  type NavigationDecision,
  OpenThrottle,
} from '../core/shell/index.js';
import { handleDownloads } from './downloads.js';
import { guardNavigation } from './navigation-guard.js';

export interface WebviewPolicyOptions {
  desk: Desk;
  gatewayPort: number;
  /** True only for the desk window's own WebContents. */
  isMainWindow(contents: WebContents): boolean;
  openWidgetWindow(url: string): void;
  log(line: string): void;
  /** Tells the user (a desk toast) why something an agent asked for did not happen; `key` folds repeats. */
  report(key: string, message: string): void;
  /** Agent links to the system browser, through the per-agent gate. */
  openExternal(label: string, url: string, lastInputAt: number | undefined): void;
  /** Hands the desk UI a shortcut pressed inside an agent's `<webview>`. */
  forwardShortcut(shortcut: DeskShortcut): void;
}

/**
 * Agent `<webview>`s: `will-attach-webview` applies the pure policy (agent
 * host only, `persist:agent-<label>`, no preload, sandboxed), each agent
 * partition gets permission handlers and save-dialog downloads once, and
 * every guest is locked to its agent's host — widget paths open widget
 * windows, web links the system browser; the desk's keyboard shortcuts are
 * taken from guests and forwarded to the UI. Every other WebContents starts with
 * window.open denied and cannot attach webviews.
 */
export function installWebviewPolicy(options: WebviewPolicyOptions): () => void {
  const { desk, gatewayPort, log } = options;
  const labels = new WeakMap<Session, string>();
  // Agent-initiated widget windows (a navigation, no user gesture we can see) are rate-limited.
  const widgetOpens = new OpenThrottle();
  const configured = new Set<string>();
  // Electron creates the guest synchronously right after will-attach-webview
  // returns; this carries the decided label across that one step, as a
  // second source besides the session lookup.
  let attachingLabel: string | undefined;

  const configureSession = (label: string): void => {
    const partition = agentPartition(label);
    const agentSession = session.fromPartition(partition);
    labels.set(agentSession, label);
    if (configured.has(partition)) return;
    configured.add(partition);
    // Read at each ask: turning desk notifications off in Settings gives agents theirs back.
    const deskNotifies = (): boolean => deskTakesNotifications(desk.settings.current.notifications);
    agentSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(decidePermission({ partition, permission, requestingOrigin: details.requestingUrl, gatewayPort, deskNotifies: deskNotifies() })),
    );
    agentSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      decidePermission({ partition, permission, requestingOrigin, gatewayPort, deskNotifies: deskNotifies() }),
    );
    agentSession.setDevicePermissionHandler(() => false);
    const origin = gatewayOrigin(label, gatewayPort);
    agentSession.webRequest.onBeforeRequest({ urls: ['<all_urls>'], types: ['mainFrame'] }, (details, callback) => {
      const allowed = mainFrameAllowed(details.url, origin);
      if (!allowed) log(`agent ${label}: blocked a top-level load of ${urlForLog(details.url)}`);
      callback({ cancel: !allowed });
    });
    handleDownloads(agentSession);
  };

  const nameOf = (label: string): string => desk.registry.byLabel(label)?.record.name ?? 'An agent';

  const openWidget = (label: string, mount: string): void => {
    if (!widgetOpens.allow(label)) {
      log(`agent ${label}: refused a widget window (too many opened in a short time)`);
      options.report(`widget-refused:${label}`, `${nameOf(label)} tried to open many widget windows at once; “${mount}” was not opened. Open it from the widget list.`);
      return;
    }
    desk.service
      .invoke('widgets:open', { agentId: label, mount })
      .then(({ url }) => options.openWidgetWindow(url))
      .catch((error: Error) => {
        log(`widget ${mount} of ${label} did not open: ${error.message}`);
        options.report(`widget-failed:${label}`, `The widget “${mount}” of ${nameOf(label)} could not be opened: ${error.message}`);
      });
  };

  const guardGuest = (guest: WebContents): void => {
    const label = labels.get(guest.session) ?? attachingLabel;
    attachingLabel = undefined;
    const agentNavigation = (url: string, kind: 'navigate' | 'window-open'): NavigationDecision => {
      const endpoint = label === undefined ? undefined : desk.registry.byLabel(label)?.endpoint;
      if (label === undefined || endpoint === undefined) return { action: 'deny', reason: 'this agent is gone or not ready' };
      return decideAgentNavigation(url, { agentOrigin: gatewayOrigin(label, gatewayPort), basePath: endpoint.basePath }, kind);
    };
    // A link counts as the user's only right after a click, key or tap in this view.
    let lastInputAt: number | undefined;
    guest.on('input-event', (_event, input) => {
      if (isActivatingInput(input.type)) lastInputAt = Date.now();
    });
    guardNavigation(guest, `agent ${label ?? '(unknown)'}`, {
      windowOpen: (url) => agentNavigation(url, 'window-open'),
      navigate: (url) => agentNavigation(url, 'navigate'),
      openWidget: (decision) => {
        if (decision.action === 'open-widget' && label !== undefined) openWidget(label, decision.mount);
      },
      openExternal: (url) => {
        if (label !== undefined) options.openExternal(label, url, lastInputAt);
      },
      log,
    });
    // Keys typed in a guest go to the guest page, never to the desk page's
    // keydown listener; the desk's own shortcuts are taken here instead.
    guest.on('before-input-event', (event, input) => {
      const shortcut = deskShortcutFor(input, process.platform);
      if (shortcut === undefined) return;
      event.preventDefault();
      options.forwardShortcut(shortcut);
    });
  };

  const onContentsCreated = (_event: unknown, contents: WebContents): void => {
    // Safe default for every new WebContents; the desk window, guests and
    // widget windows install their own handler right after.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    if (contents.getType() === 'webview') guardGuest(contents);
    contents.on('will-attach-webview', (event, webPreferences, params) => {
      if (!options.isMainWindow(contents)) {
        event.preventDefault();
        log('refused a <webview> outside the desk window');
        return;
      }
      const decision = decideWebviewAttach({
        src: params.src,
        gatewayPort,
        isKnownAgent: (label) => desk.registry.byLabel(label)?.endpoint !== undefined,
      });
      if (!decision.allow) {
        event.preventDefault();
        log(`refused a <webview> for ${urlForLog(params.src ?? '')}: ${decision.reason}`);
        return;
      }
      configureSession(decision.label);
      attachingLabel = decision.label;
      applyWebviewDecision(decision, webPreferences as Record<string, unknown>, params);
    });
  };

  app.on('web-contents-created', onContentsCreated);
  return () => {
    app.off('web-contents-created', onContentsCreated);
  };
}
