import type { DeskInfo, DeskStateEvent, InvokeChannel, InvokeResponse } from '../../../preload/contract.js';
import type { AgentSource } from '../agents/agent-source.js';
import { DeskError } from './desk-errors.js';
import { createAgentsHandlers, type EnterUrls } from './handlers/agents-handlers.js';
import { createAttentionHandlers, type AttentionPort } from './handlers/attention-handlers.js';
import { createDeskHandlers } from './handlers/desk-handlers.js';
import type { ChannelHandler, ChannelHandlers, DomainHandlers } from './handlers/domain-handlers.js';
import { createSettingsHandlers, type SettingsPort } from './handlers/settings-handlers.js';
import { createWidgetsHandlers } from './handlers/widgets-handlers.js';

export interface DeskServiceDeps {
  agents: AgentSource;
  settings: SettingsPort;
  enterUrls: EnterUrls;
  info(): DeskInfo;
  onInfoChange?(listener: () => void): () => void;
  /** Absent in tests of other domains: the inbox is then empty. */
  attention?: AttentionPort;
}

/**
 * The desk's control API, transport-free: Electron IPC and the HTTP/SSE
 * handler both call `invoke` and `subscribe`. The work lives in one handler
 * module per contract domain (handlers/); this class joins them, checks
 * that together they answer every channel, and fans their events out.
 */
export class DeskService {
  readonly #listeners = new Set<(event: DeskStateEvent) => void>();
  readonly #domains: ReadonlyArray<DomainHandlers<InvokeChannel>>;
  readonly #channels: ChannelHandlers<InvokeChannel>;

  constructor(deps: DeskServiceDeps) {
    const emit = (event: DeskStateEvent): void => this.#emit(event);
    // Snapshot order is this order: info first, then agents, then settings.
    const desk = createDeskHandlers(deps, emit);
    const agents = createAgentsHandlers(deps.agents, deps.enterUrls, emit);
    const widgets = createWidgetsHandlers(deps.agents, deps.enterUrls);
    const settings = createSettingsHandlers(deps.settings, emit);
    const attention = createAttentionHandlers(deps.attention, () => deps.settings.current.notifications, emit);
    this.#domains = [desk, agents, widgets, settings, attention] as ReadonlyArray<DomainHandlers<InvokeChannel>>;
    // Typed as total: a contract channel no domain handles fails the build here.
    this.#channels = { ...desk.channels, ...agents.channels, ...widgets.channels, ...settings.channels, ...attention.channels };
  }

  /** Validates the raw payload, then runs the channel's handler. */
  async invoke<C extends InvokeChannel>(channel: C, payload: unknown): Promise<InvokeResponse<C>> {
    if (!Object.hasOwn(this.#channels, channel)) throw new DeskError('bad-request', 'unknown desk channel');
    const handler = this.#channels[channel] as ChannelHandler<C>;
    return handler.handle(handler.validate(payload));
  }

  subscribe(listener: (event: DeskStateEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The events a new subscriber needs to draw the whole UI. */
  snapshotEvents(): DeskStateEvent[] {
    return this.#domains.flatMap((domain) => domain.snapshot?.() ?? []);
  }

  close(): void {
    for (const domain of this.#domains) domain.dispose?.();
    this.#listeners.clear();
  }

  #emit(event: DeskStateEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`agent-desk: event listener failed: ${(error as Error).message}`);
      }
    }
  }
}
