import { lifecycleOffer, type OfferVerb } from '../../../common/lifecycle-offer.js';
import type { AgentRecord, HealthStatus, LifecycleVerb } from '../../../preload/contract.js';

/** One entry of an agent's submenu: open it, run a lifecycle verb, or cancel the running one. */
export type TrayAgentAction =
  | { kind: 'open'; label: string; enabled: boolean }
  | { kind: 'lifecycle'; verb: LifecycleVerb; label: string }
  | { kind: 'cancel'; label: string };

/** The tray menu as data; tray.ts turns it into an Electron Menu. */
export type TrayItem =
  /** `actions` empty: a plain item that opens the agent; otherwise a submenu. */
  | { kind: 'agent'; id: string; label: string; enabled: boolean; actions: TrayAgentAction[] }
  | { kind: 'note'; label: string }
  | { kind: 'separator' }
  | { kind: 'open-desk'; label: string }
  | { kind: 'start-at-login'; label: string; checked: boolean; enabled: boolean }
  | { kind: 'quit'; label: string };

const STATUS_WORDS: Record<HealthStatus, string> = {
  online: 'online',
  offline: 'offline',
  unauthorized: 'token rejected',
  starting: 'starting',
  stopping: 'stopping',
  unknown: 'checking…',
};

/** Tray menus show plain text; `&` would become a mnemonic on Windows/Linux. */
function plain(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/&/g, '&&').slice(0, 80);
}

export function agentStatusText(agent: AgentRecord): string {
  if (agent.state === 'not-provisioned') return 'not set up';
  if (agent.state === 'invalid') return 'invalid';
  return STATUS_WORDS[agent.health.status];
}

export const TRAY_AGENT_LIMIT = 20;

export interface TrayMenuInput {
  agents: readonly AgentRecord[];
  /** The user's sidebar order (agent ids); others follow by name. */
  order: readonly string[];
  startAtLogin: { supported: boolean; enabled: boolean };
  /** The verb whose command runs for an agent now (lifecycle), if any. */
  running?: (id: string) => LifecycleVerb | undefined;
}

const VERB_LABEL: Record<OfferVerb, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/** Open, then what the shared lifecycle rule offers; empty for an agent whose root has no commands. */
export function trayAgentActions(agent: AgentRecord, running: LifecycleVerb | undefined): TrayAgentAction[] {
  const offer = lifecycleOffer(agent, running);
  if (!offer) return [];
  const actions: TrayAgentAction[] = [{ kind: 'open', label: 'Open', enabled: agent.state === 'ready' }];
  for (const verb of ['start', 'stop', 'restart'] as const) {
    if (offer[verb]) actions.push({ kind: 'lifecycle', verb, label: VERB_LABEL[verb] });
  }
  if (offer.running) actions.push({ kind: 'cancel', label: `Cancel ${offer.running}` });
  return actions;
}

/**
 * Agents with their status (only ready ones can be opened; those whose root
 * can start and stop them get a submenu: Open, Start / Stop / Restart or
 * Cancel), then "Open Agent
 * Desk", the "Start at login" checkbox, and Quit. Long directories are cut at
 * TRAY_AGENT_LIMIT with a note, since a tray menu does not scroll well.
 */
export function buildTrayMenu(input: TrayMenuInput): TrayItem[] {
  const position = new Map(input.order.map((id, index) => [id, index]));
  const agents = [...input.agents].sort((a, b) => {
    const pa = position.get(a.id) ?? Number.MAX_SAFE_INTEGER;
    const pb = position.get(b.id) ?? Number.MAX_SAFE_INTEGER;
    // Agents that wait for the user come first.
    const wait = (b.attention?.needsYou ?? 0) - (a.attention?.needsYou ?? 0);
    if (wait !== 0) return wait;
    return pa !== pb ? pa - pb : a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
  const items: TrayItem[] = [];
  if (agents.length === 0) items.push({ kind: 'note', label: 'No agents found' });
  for (const agent of agents.slice(0, TRAY_AGENT_LIMIT)) {
    const waiting = agent.attention?.needsYou ?? 0;
    const status = waiting > 0 ? `needs you (${waiting})` : agentStatusText(agent);
    const actions = trayAgentActions(agent, input.running?.(agent.id));
    items.push({ kind: 'agent', id: agent.id, label: plain(`${agent.name} — ${status}`), enabled: agent.state === 'ready', actions });
  }
  if (agents.length > TRAY_AGENT_LIMIT) items.push({ kind: 'note', label: `${agents.length - TRAY_AGENT_LIMIT} more in the desk` });
  items.push(
    { kind: 'separator' },
    { kind: 'open-desk', label: 'Open Agent Desk' },
    { kind: 'start-at-login', label: 'Start at login', checked: input.startAtLogin.enabled, enabled: input.startAtLogin.supported },
    { kind: 'separator' },
    { kind: 'quit', label: 'Quit Agent Desk' },
  );
  return items;
}

/** A stable summary of what the menu shows, to skip rebuilding an unchanged menu. */
export function trayMenuSignature(items: readonly TrayItem[]): string {
  return JSON.stringify(items);
}

/** Colour of the tray circle; macOS template images must be black, the OS tints them. */
export type TrayIconColour = 'accent' | 'template';

/** The attention badge: a dot at the top right, cut out of the circle by a transparent gap. */
const BADGE = { x: 0.78, y: 0.22, radius: 0.2, gap: 0.08 } as const;

function coverage(distance: number, radius: number): number {
  return Math.max(0, Math.min(1, radius - distance + 0.5));
}

/**
 * A size×size bitmap for Electron's nativeImage (N32: BGRA, premultiplied
 * alpha): a filled circle, so the app needs no image file for its tray icon.
 * With `badge`, a dot at the top right (red, or black in a template image)
 * says something waits for the user — a shape as well as a colour.
 */
export function trayIconBitmap(size = 32, colour: TrayIconColour = 'accent', badge = false): Buffer {
  const [blue, green, red] = colour === 'template' ? [0, 0, 0] : [0xd0, 0x80, 0x30];
  const [badgeBlue, badgeGreen, badgeRed] = colour === 'template' ? [0, 0, 0] : [0x2f, 0x24, 0xd1];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  const badgeX = BADGE.x * (size - 1);
  const badgeY = BADGE.y * (size - 1);
  const badgeRadius = BADGE.radius * size;
  const gapRadius = badgeRadius + BADGE.gap * size;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let alpha = coverage(Math.hypot(x - centre, y - centre), radius);
      let [b, g, r] = [blue, green, red];
      if (badge) {
        const toBadge = Math.hypot(x - badgeX, y - badgeY);
        alpha *= 1 - coverage(toBadge, gapRadius);
        const dot = coverage(toBadge, badgeRadius);
        if (dot > 0) [alpha, b, g, r] = [dot, badgeBlue, badgeGreen, badgeRed];
      }
      const offset = (y * size + x) * 4;
      pixels[offset] = Math.round(b * alpha);
      pixels[offset + 1] = Math.round(g * alpha);
      pixels[offset + 2] = Math.round(r * alpha);
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

export interface TrayIconSpec {
  /** macOS: a template image (black + alpha), tinted by the menu bar for light and dark. */
  template: boolean;
  /** One bitmap per scale factor; tray.ts adds each as a representation. */
  representations: Array<{ scaleFactor: 1 | 2; size: number; bitmap: Buffer }>;
}

/**
 * macOS menu-bar icons are 16 pt: 16 px at 1×, 32 px at 2× (Retina). Elsewhere 32 px, and 64 px for 2× screens.
 * The `attention` variant carries the badge dot.
 */
export function trayIconSpec(platform: NodeJS.Platform, variant: 'normal' | 'attention' = 'normal'): TrayIconSpec {
  const badge = variant === 'attention';
  if (platform === 'darwin') {
    return {
      template: true,
      representations: [
        { scaleFactor: 1, size: 16, bitmap: trayIconBitmap(16, 'template', badge) },
        { scaleFactor: 2, size: 32, bitmap: trayIconBitmap(32, 'template', badge) },
      ],
    };
  }
  return {
    template: false,
    representations: [
      { scaleFactor: 1, size: 32, bitmap: trayIconBitmap(32, 'accent', badge) },
      { scaleFactor: 2, size: 64, bitmap: trayIconBitmap(64, 'accent', badge) },
    ],
  };
}

/** What the tray, the OS badge and the window title show: items that wait for the user, across agents. */
export function attentionTotal(agents: readonly AgentRecord[]): number {
  return agents.reduce((sum, agent) => sum + (agent.attention?.needsYou ?? 0), 0);
}

/** The tray's tooltip: the app name, and how many items wait when some do. */
export function trayTooltip(needsYou: number): string {
  if (needsYou <= 0) return 'Agent Desk';
  return needsYou === 1 ? 'Agent Desk — 1 item needs you' : `Agent Desk — ${needsYou} items need you`;
}

/** The tray icon variant: the attention colour while something waits. */
export function trayIconVariant(needsYou: number): 'normal' | 'attention' {
  return needsYou > 0 ? 'attention' : 'normal';
}
