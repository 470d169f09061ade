import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentSource } from '../agents/agent-source.js';
import type { UpstreamClient } from '../upstream/index.js';
import type { ConnectionLimits } from './connection-bounds.js';

/** The gateway's public shape (docs/architecture.md); the implementation is gateway.ts. */
export interface GatewayOptions {
  port: number;
  bindHosts?: string[];
  agents: AgentSource;
  /** Handles desk-host requests that carry a valid desk session (UI files and /api/*); the gateway did login, host check, Origin check for unsafe methods. */
  deskHandler?: (req: IncomingMessage, res: ServerResponse) => void;
  log?: (line: string) => void;
  now?: () => number;
  /** Test seams; defaults ~5 s and ~30 s. Ignored when `upstream` is given (its deadlines apply). */
  connectTimeoutMs?: number;
  responseHeaderTimeoutMs?: number;
  /** The client for agent traffic; its owner closes it. Default: the gateway's own, closed with it. */
  upstream?: UpstreamClient;
  /** Session store bounds (defaults in sessions.ts). */
  maxSessions?: number;
  maxSessionsPerAgent?: number;
  /** Connection timeouts and cap (defaults in connection-bounds.ts); tests use small values. */
  connections?: Partial<ConnectionLimits>;
  /**
   * Origins besides the desk host that may frame agent pages: the Electron
   * app's `app://desk`, whose <webview>s embed agents. Never a web origin.
   */
  embedderOrigins?: string[];
  /** Per-install key for widget labels (SettingsFile.installKey()); absent: per launch, so widget origins change each run. */
  installKey?: Uint8Array;
  /** Lifecycle, for the offline page's Start button; absent: the page only explains. */
  lifecycle?: GatewayLifecycle;
}

/** What the gateway may ask of lifecycle: only to start an agent, never to stop one (canRestart only chooses words). */
export interface GatewayLifecycle {
  /** The agent's root has a start command. */
  canStart(agentId: string): boolean;
  /** The agent's root has a restart command (the not-answering page then points to the desk's Restart). */
  canRestart(agentId: string): boolean;
  /** Starts it (or joins the running start); a refusal in plain words, else undefined. */
  start(agentId: string): string | undefined;
}

const EMBEDDER_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

/** The `frame-ancestors` source list for agent responses; refuses anything that could inject CSP. */
export function frameAncestorsFor(deskOrigin: string, embedderOrigins: readonly string[] = []): string {
  for (const origin of embedderOrigins) {
    if (!EMBEDDER_ORIGIN.test(origin)) throw new Error(`embedderOrigins: "${origin}" is not a plain origin`);
  }
  return [deskOrigin, ...embedderOrigins].join(' ');
}

export interface Gateway {
  readonly port: number;
  listen(): Promise<void>;
  close(): Promise<void>;
  origin(label: string): string;
  deskLoginUrl(): string;
  onDeskLogin(listener: (nextLoginUrl: string) => void): () => void;
  agentEnterUrl(agentId: string, to?: string): string;
  /** A fresh enter URL (≤ 60 s single-use grant of kind widget) on the widget's own host, which stays routed this run. Throws on an unknown agent or a bad mount. */
  widgetEnterUrl(agentId: string, mount: string, to?: string): string;
  /** `<widget label>.localhost:PORT` of (agent, mount), without routing it; undefined before listen or for a bad mount. */
  widgetHost(agentId: string, mount: string): string | undefined;
  /**
   * Epoch ms of the last request proxied to the agent (agent or widget host), this run — now
   * while one of its responses or WebSockets is still open; for idle stop.
   */
  lastRequestAt(agentId: string): number | undefined;
  /** Connections open across the gateway's listeners (what the connection cap counts). */
  readonly openConnections: number;
}
