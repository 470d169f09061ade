import type { DeskApi, DeskSettings, DeskShortcut, LifecycleVerb, RootCheck } from '../../preload/contract.js';
import { orderAgents } from '../logic/agent-order.js';
import { placementOf, type AgentPlacement } from '../logic/framed-storage.js';
import { agentsToHibernate } from '../logic/hibernation.js';
import { cycleId } from '../logic/shortcuts.js';
import { isWebUrl } from '../logic/web-url.js';
import { applyDeskEvent } from '../stores/apply-event.js';
import type { DeskStores } from '../stores/desk-stores.js';
import { shownAgentOrder } from '../stores/settings-store.js';
import { browserAgentTabs, type AgentTabs } from './agent-tabs.js';
import { isConnectionSource } from './connection.js';
import { DeskApiError, errorMessage } from './desk-api-error.js';
import { latestWinsSave } from './latest-wins-save.js';

export interface DeskActions {
  /** Loads info, agents and settings; each failure lands in its own store. */
  loadAll(): Promise<void>;
  loadAgents(): Promise<void>;
  loadDeskInfo(): Promise<void>;
  loadSettings(): Promise<void>;
  /**
   * Shows the agent, opening it first unless its view is already loaded.
   * `restored`: the desk shows the agent again after a reload, not because of
   * a click — where agents open in tabs, the pane offers the tab instead of
   * opening one more (the old one is still there; a reloaded desk lost its handle).
   */
  selectAgent(id: string, restored?: boolean): void;
  /** Fetches a fresh enter URL (first open, retry, or recovery), at `sessionId` when there is one (null or absent: the start page). */
  openAgent(id: string, sessionId?: string | null): Promise<void>;
  /** Shows the agent at one of its sessions (`{base}/{session_id}`) and marks that session seen. */
  showSession(id: string, sessionId: string, restored?: boolean): void;
  loadAttention(): Promise<void>;
  /**
   * Where framed storage is denied: focuses the agent's own tab, or opens one
   * (inside the click) and sends it to a fresh enter URL.
   */
  openAgentInTab(id: string): Promise<void>;
  openWidget(agentId: string, mount: string): Promise<void>;
  /** Resolves true when the server accepted the change; its error is in the settings store. */
  updateSettings(change: Partial<DeskSettings>): Promise<boolean>;
  /** What the desk makes of a root typed into Settings; null when it could not say. */
  checkRoot(path: string, others: string[]): Promise<RootCheck | null>;
  reorderAgents(agentOrder: string[]): Promise<boolean>;
  hibernateIdle(): void;
  /** Asks the desk to start, stop or restart an agent; progress arrives as events, a refusal lands in the lifecycle store. */
  runLifecycle(id: string, verb: LifecycleVerb): Promise<void>;
  /** Cancels the agent's running command. */
  cancelLifecycle(id: string): Promise<void>;
  /**
   * A log view is open: loads the latest lines and keeps the desk following
   * the container's log (renewing its lease) until the returned stop is called.
   */
  watchLogs(id: string): () => void;
  /**
   * Runs a desk shortcut, whether pressed in the desk page or forwarded by the
   * shell from an agent's `<webview>`. False when it had nothing to do (no
   * n-th agent, no agents to cycle), so the key can go on to the page.
   */
  runShortcut(shortcut: DeskShortcut): boolean;
  /** Subscribes to events and connection state; returns the unsubscribe. */
  connect(): () => void;
}

export interface DeskActionsOptions {
  now?: () => number;
  /** Where widget URLs go: a new top-level browsing context, never the agent's frame. */
  openWindow?: (url: string) => void;
  /** Agents' own tabs, where framed storage is denied. */
  agentTabs?: AgentTabs;
}

function checkedUrl(url: unknown): string {
  if (!isWebUrl(url)) throw new DeskApiError('bad-url', 'The desk answered with an address that is not an http(s) URL.');
  return url;
}

/** How often a page whose event stream is down asks whether its session still stands. */
export const SESSION_PROBE_MS = 3000;

/** A log view renews the desk's 30 s lease on the container-log follower this often. */
export const LOG_LEASE_RENEW_MS = 15_000;

/** The desk refused this page's session: a new login is needed, not a retry. */
function isSessionRefused(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 401;
}

export function createDeskActions(deskApi: DeskApi, stores: DeskStores, options: DeskActionsOptions = {}): DeskActions {
  const now = options.now ?? (() => Date.now());
  // Every call goes through here, so any 401 tells the page its session ended.
  const api: DeskApi = {
    invoke: async (channel, request) => {
      try {
        return await deskApi.invoke(channel, request);
      } catch (error) {
        if (isSessionRefused(error)) stores.connection.getState().connectionChanged('signed-out');
        throw error;
      }
    },
    subscribe: (listener) => deskApi.subscribe(listener),
    stream: (channel, request, observer) => deskApi.stream(channel, request, observer),
  };
  const openWindow = options.openWindow ?? ((url: string) => void window.open(url, '_blank', 'noopener'));
  let agentTabs = options.agentTabs;
  /**
   * Where an agent just put on screen goes (desk, tab, or undecided while the
   * storage check runs). An undecided one the user chose — not one a reload
   * restored — is remembered, so it goes to its tab if the answer is "denied".
   */
  const placementOfShown = (id: string, restored: boolean): AgentPlacement => {
    const placement = placementOf(stores.framedStorage.getState().framed);
    if (placement === 'undecided' && !restored) stores.framedStorage.getState().agentTabWanted(id);
    return placement;
  };

  const saveAgentOrder = latestWinsSave(
    (agentOrder: string[]) => actions.updateSettings({ agentOrder }),
    () => stores.settings.getState().agentOrderSettled(),
  );
  const actions: DeskActions = {
    async loadAll() {
      await Promise.all([actions.loadDeskInfo(), actions.loadAgents(), actions.loadSettings(), actions.loadAttention()]);
    },
    async loadAgents() {
      stores.agents.getState().agentsLoadStarted();
      try {
        const agents = await api.invoke('agents:list', undefined);
        applyDeskEvent(stores, { channel: 'agents:changed', payload: { agents } });
      } catch (error) {
        stores.agents.getState().agentsLoadFailed(errorMessage(error));
      }
    },
    async loadDeskInfo() {
      stores.desk.getState().deskInfoLoadStarted();
      try {
        const info = await api.invoke('desk:info', undefined);
        applyDeskEvent(stores, { channel: 'desk:changed', payload: { info } });
      } catch (error) {
        stores.desk.getState().deskInfoLoadFailed(errorMessage(error));
      }
    },
    async loadSettings() {
      stores.settings.getState().settingsLoadStarted();
      try {
        const settings = await api.invoke('settings:get', undefined);
        applyDeskEvent(stores, { channel: 'settings:changed', payload: { settings } });
      } catch (error) {
        stores.settings.getState().settingsLoadFailed(errorMessage(error));
      }
    },
    selectAgent(id, restored = false) {
      const alreadyOpened = stores.navigation.getState().opened[id] !== undefined;
      stores.navigation.getState().agentSelected(id, now());
      const placement = placementOfShown(id, restored);
      if (placement === 'tab') {
        // The pane explains; the agent's page goes to its own tab.
        if (!alreadyOpened) stores.navigation.getState().agentOpenStarted(id, now());
        if (!restored) void actions.openAgentInTab(id);
        return;
      }
      if (!alreadyOpened) void actions.openAgent(id);
    },
    async openAgent(id, sessionId) {
      const seq = stores.navigation.getState().agentOpenStarted(id, now(), sessionId ?? null);
      try {
        const { url } = await api.invoke('agents:open', sessionId == null ? { id } : { id, sessionId });
        stores.navigation.getState().agentOpened(id, seq, checkedUrl(url));
      } catch (error) {
        stores.navigation.getState().agentOpenFailed(id, seq, errorMessage(error));
      }
    },
    showSession(id, sessionId, restored = false) {
      stores.navigation.getState().agentSelected(id, now());
      void api.invoke('attention:seen', { agentId: id, sessionId }).catch(() => undefined);
      if (placementOfShown(id, restored) === 'tab') {
        if (!restored) void actions.openAgentInTab(id);
        return;
      }
      void actions.openAgent(id, sessionId);
    },
    async loadAttention() {
      try {
        const { items } = await api.invoke('attention:list', undefined);
        applyDeskEvent(stores, { channel: 'attention:changed', payload: { items, notify: [] } });
      } catch {
        // The event stream brings the list too; a failed first load is not worth a banner.
      }
    },
    async openAgentInTab(id) {
      const tabs = stores.framedStorage.getState();
      const name = stores.agents.getState().agents.find((agent) => agent.id === id)?.name ?? 'the agent';
      agentTabs ??= browserAgentTabs();
      const claimed = agentTabs.claim(id, name);
      if (claimed === 'blocked') {
        tabs.agentTabChanged(id, { state: 'blocked' });
        return;
      }
      // The user's click put the agent's tab in front: the focus report counts it as looked at.
      tabs.agentTabInFront(id);
      if (claimed === 'focused') {
        tabs.agentTabChanged(id, { state: 'opened' });
        return;
      }
      tabs.agentTabChanged(id, { state: 'opening' });
      try {
        const { url } = await api.invoke('agents:open', { id });
        claimed.navigate(checkedUrl(url));
        tabs.agentTabChanged(id, { state: 'opened' });
      } catch (error) {
        claimed.close();
        if (stores.framedStorage.getState().tabInFront === id) tabs.agentTabInFront(null);
        tabs.agentTabChanged(id, { state: 'failed', message: errorMessage(error) });
      }
    },
    async openWidget(agentId, mount) {
      const { url } = await api.invoke('widgets:open', { agentId, mount });
      openWindow(checkedUrl(url));
    },
    async updateSettings(change) {
      stores.settings.getState().settingsSaveStarted();
      try {
        const settings = await api.invoke('settings:update', change);
        applyDeskEvent(stores, { channel: 'settings:changed', payload: { settings } });
        return true;
      } catch (error) {
        stores.settings.getState().settingsSaveFailed(errorMessage(error));
        return false;
      }
    },
    async checkRoot(path, others) {
      try {
        return await api.invoke('settings:check-root', { path, others });
      } catch {
        return null; // the form then shows no status; saving still goes through the desk's own checks
      }
    },
    reorderAgents(agentOrder) {
      stores.settings.getState().agentOrderChanged(agentOrder);
      return saveAgentOrder(agentOrder);
    },
    hibernateIdle() {
      const minutes = stores.settings.getState().settings?.hibernateAfterMinutes ?? 0;
      const { opened, view, activeAgentId } = stores.navigation.getState();
      const onScreen = view === 'agent' ? activeAgentId : null;
      const busy = new Set(stores.agents.getState().agents.filter((agent) => agent.sessions.activeRuns > 0).map((agent) => agent.id));
      const ids = agentsToHibernate(Object.values(opened), onScreen, now(), minutes, busy);
      stores.navigation.getState().agentsHibernated(ids);
    },
    async runLifecycle(id, verb) {
      try {
        await api.invoke(`agents:${verb}`, { id });
      } catch (error) {
        stores.lifecycle.getState().refused(id, verb, errorMessage(error));
      }
    },
    async cancelLifecycle(id) {
      try {
        // A cancelled command's end arrives as its progress event.
        const { cancelled } = await api.invoke('agents:cancel', { id });
        // Nothing runs on the desk: the end was missed (the event stream was down then); stop showing it as running.
        if (!cancelled) stores.lifecycle.getState().settled(id);
      } catch {
        // The desk did not answer: the controls stay as they are; the user can try again.
      }
    },
    watchLogs(id) {
      let stopped = false;
      const load = () =>
        void api.invoke('agents:watch-logs', { id }).then(
          ({ lines }) => {
            if (!stopped) stores.lifecycle.getState().linesLoaded(id, lines);
          },
          () => undefined, // the view shows what the events brought; the next renewal tries again
        );
      load();
      const renew = setInterval(() => void api.invoke('agents:watch-logs', { id }).catch(() => undefined), LOG_LEASE_RENEW_MS);
      return () => {
        stopped = true;
        clearInterval(renew);
      };
    },
    runShortcut(shortcut) {
      // Sidebar order, as useOrderedAgents numbers them on screen.
      const agentOrder = shownAgentOrder(stores.settings.getState());
      const ids = orderAgents(stores.agents.getState().agents, agentOrder).map((agent) => agent.id);
      const navigation = stores.navigation.getState();
      switch (shortcut.kind) {
        case 'open-nth': {
          const id = ids[shortcut.index];
          if (id === undefined) return false;
          actions.selectAgent(id);
          return true;
        }
        case 'cycle': {
          const current = navigation.view === 'agent' ? navigation.activeAgentId : null;
          const id = cycleId(ids, current, shortcut.direction);
          if (id === null) return false;
          actions.selectAgent(id);
          return true;
        }
        case 'switcher':
          if (navigation.switcherOpen) navigation.switcherClosed();
          else navigation.switcherOpened();
          return true;
      }
    },
    connect() {
      const unsubscribe = api.subscribe((event) => {
        // The shell's "show this agent" (tray, `--open`) and forwarded
        // shortcuts are commands, not state.
        if (event.channel === 'desk:focus-agent') {
          if (event.payload.sessionId === undefined) actions.selectAgent(event.payload.id);
          else actions.showSession(event.payload.id, event.payload.sessionId);
        }
        else if (event.channel === 'desk:shortcut') actions.runShortcut(event.payload.shortcut);
        else if (event.channel === 'desk:toast') stores.toasts.getState().toastShown(event.payload.toast);
        else applyDeskEvent(stores, event);
      });
      if (!isConnectionSource(deskApi)) {
        stores.connection.getState().connectionChanged('connected');
        return unsubscribe;
      }
      // While the stream is down, ask the desk now and then: a 401 means the session ended (serve
      // restarted) and only a new login helps, which the wrapper above turns into `signed-out`.
      let probe: ReturnType<typeof setInterval> | null = null;
      const stopProbe = () => {
        if (probe !== null) clearInterval(probe);
        probe = null;
      };
      const unwatch = deskApi.onConnectionChange((state) => {
        if (state === 'reconnecting' && probe === null) {
          probe = setInterval(() => void api.invoke('desk:info', undefined).catch(() => undefined), SESSION_PROBE_MS);
        } else if (state !== 'reconnecting') stopProbe();
        const was = stores.connection.getState().state;
        stores.connection.getState().connectionChanged(state);
        if (state !== 'connected' || (was !== 'reconnecting' && was !== 'signed-out')) return;
        // Back after a drop: whatever changed meanwhile is fetched again.
        void actions.loadAll();
        // A new session means the gateway's agent sessions are new too: the
        // open pages get fresh enter links (the desk keeps its place).
        if (was === 'signed-out') {
          // Each at the session it showed (an agent opened from the inbox or a notification).
          for (const entry of Object.values(stores.navigation.getState().opened)) void actions.openAgent(entry.id, entry.sessionId);
        }
      });
      return () => {
        stopProbe();
        unwatch();
        unsubscribe();
      };
    },
  };
  return actions;
}
