/**
 * The one contract between the UI and the desk (DESIGN.md section 1).
 *
 * Every call and event the renderer can make or receive is typed here, keyed
 * by a `domain:verb` channel name. Two transports implement it: Electron IPC
 * through preload, and HTTP + Server-Sent Events on the desk host in browser
 * mode. Nothing in this file may carry a token or any other `.env` value.
 */

export type WorkspaceState = 'ready' | 'not-provisioned' | 'invalid';
export type HealthStatus = 'online' | 'offline' | 'unauthorized' | 'starting' | 'unknown';
export type WidgetState = 'stopped' | 'starting' | 'running' | 'error';

export interface AgentHealth {
  status: HealthStatus;
  /** Round trip of the last successful healthz probe, in milliseconds. */
  latencyMs: number | null;
  version: string | null;
  capabilities: string[];
  /** Epoch milliseconds of the last probe, or null before the first one. */
  checkedAt: number | null;
  /** Human-readable reason for offline/unauthorized; never contains a secret. */
  error?: string;
}

export interface WidgetRecord {
  id: string;
  mount: string;
  title: string;
  description?: string;
  state: WidgetState;
  error?: string;
  /** `<widget label>.localhost:PORT`, once the gateway knows this widget. */
  host?: string;
}

export interface AgentSessions {
  count: number;
  activeRuns: number;
}

export interface AgentRecord {
  /** Stable id; equal to the agent's host label. */
  id: string;
  name: string;
  /** The workspace root this agent was found under. */
  root: string;
  /** Host label: the agent is served on `<label>.localhost:PORT`. */
  label: string;
  state: WorkspaceState;
  /** Why the workspace is `invalid` or `not-provisioned`, in plain words. */
  reason?: string;
  health: AgentHealth;
  widgets: WidgetRecord[];
  sessions: AgentSessions;
}

export type RootState = 'ok' | 'missing' | 'not-a-directory' | 'unreadable';

export interface RootStatus {
  path: string;
  /** Where the root came from: the built-in default, settings, or `--root`. */
  source: 'default' | 'settings' | 'flag';
  state: RootState;
  reason?: string;
}

export type Theme = 'system' | 'light' | 'dark';

export interface DeskSettings {
  /** Extra workspace roots, beyond the default and `--root` flags. */
  roots: string[];
  /** Agent ids in the user's sidebar order; unknown ids are ignored. */
  agentOrder: string[];
  /** Minutes an agent view may stay idle before it is unloaded; 0 = never. */
  hibernateAfterMinutes: number;
  theme: Theme;
}

export interface DeskInfo {
  version: string;
  mode: 'electron' | 'browser';
  gatewayPort: number;
  roots: RootStatus[];
  /** A problem with the settings file (e.g. corrupt, kept as a backup). */
  settingsWarning?: string;
}

/** Request/response of every invokable channel. */
export interface DeskInvokeContract {
  'desk:info': { request: void; response: DeskInfo };
  'agents:list': { request: void; response: AgentRecord[] };
  'agents:open': { request: { id: string }; response: { url: string } };
  'widgets:open': { request: { agentId: string; mount: string }; response: { url: string } };
  'settings:get': { request: void; response: DeskSettings };
  'settings:update': { request: Partial<DeskSettings>; response: DeskSettings };
}

/** Events pushed from the desk to the UI. */
export interface DeskEventContract {
  'agents:changed': { agents: AgentRecord[] };
  'desk:changed': { info: DeskInfo };
  'settings:changed': { settings: DeskSettings };
  /** The shell asks the UI to show an agent (tray item, `--open`, second launch). */
  'desk:focus-agent': { id: string };
  /** A desk shortcut pressed while focus was inside an agent's `<webview>` (Electron only). */
  'desk:shortcut': { shortcut: DeskShortcut };
}

/**
 * A desk-wide keyboard command: open the n-th agent (0-based, sidebar order),
 * cycle agents, or toggle the quick switcher. The renderer maps its own key
 * events to it, and the Electron shell forwards the ones pressed in a guest.
 */
export type DeskShortcut = { kind: 'open-nth'; index: number } | { kind: 'cycle'; direction: 1 | -1 } | { kind: 'switcher' };

export type InvokeChannel = keyof DeskInvokeContract;
export type EventChannel = keyof DeskEventContract;
export type InvokeRequest<C extends InvokeChannel> = DeskInvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = DeskInvokeContract[C]['response'];

export type DeskEvent = {
  [C in EventChannel]: { channel: C; payload: DeskEventContract[C] };
}[EventChannel];

/** What the renderer holds; it never knows which transport backs it. */
export interface DeskApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
}

/** Error shape both transports use for a refused or failed call. */
export interface DeskErrorBody {
  error: { code: string; message: string };
}
