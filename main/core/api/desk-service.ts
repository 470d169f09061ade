import { Emitter } from '../../../common/emitter.js';
import type { DeskInfo, DeskStateEvent, InvokeChannel, InvokeResponse, StreamChannel, StreamChunk } from '../../../preload/contract.js';
import type { AgentSource } from '../agents/agent-source.js';
import { DeskError } from './desk-errors.js';
import { createAgentsHandlers, type EnterUrls } from './handlers/agents-handlers.js';
import { createAttentionHandlers, type AttentionPort } from './handlers/attention-handlers.js';
import { createDeskHandlers } from './handlers/desk-handlers.js';
import { createLifecycleHandlers, type LifecyclePort } from './handlers/lifecycle-handlers.js';
import type {
  ChannelHandler,
  ChannelHandlers,
  DomainHandlers,
  StreamHandler,
  StreamHandlers,
  StreamSink,
} from './handlers/domain-handlers.js';
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
  /** Absent in tests of other domains: start/stop/logs then say they are not available. */
  lifecycle?: LifecyclePort;
  /** Window that gathers probe-time-only changes into one `agents:changed` (default FRESHNESS_EMIT_MS). */
  freshnessMs?: number;
}

/**
 * The desk's control API, transport-free: Electron IPC and the HTTP/SSE
 * handler both call `invoke` and `subscribe`. The work lives in one handler
 * module per contract domain (handlers/); this class joins them, checks
 * that together they answer every channel, and fans their events out.
 */
export class DeskService {
  readonly #events = new Emitter<DeskStateEvent>('desk event');
  readonly #domains: ReadonlyArray<DomainHandlers<InvokeChannel>>;
  readonly #channels: ChannelHandlers<InvokeChannel>;
  readonly #streams: StreamHandlers<StreamChannel>;
  /** The streams now open, by their `end`; `close()` ends them. */
  readonly #openStreams = new Set<(error?: DeskError) => void>();

  constructor(deps: DeskServiceDeps) {
    const emit = (event: DeskStateEvent): void => this.#events.fire(event);
    // Snapshot order is this order: info first, then agents, then settings.
    const desk = createDeskHandlers(deps, emit);
    const agents = createAgentsHandlers(deps.agents, deps.enterUrls, emit, deps.freshnessMs);
    const widgets = createWidgetsHandlers(deps.agents, deps.enterUrls);
    const settings = createSettingsHandlers(deps.settings, emit);
    const attention = createAttentionHandlers(deps.attention, () => deps.settings.current.notifications, emit);
    const lifecycle = createLifecycleHandlers(deps.lifecycle, emit);
    this.#domains = [desk, agents, widgets, settings, attention, lifecycle] as ReadonlyArray<DomainHandlers<InvokeChannel>>;
    // Typed as total: a contract channel no domain handles fails the build here.
    this.#channels = { ...desk.channels, ...agents.channels, ...widgets.channels, ...settings.channels, ...attention.channels, ...lifecycle.channels };
    this.#streams = { ...agents.streams };
  }

  /** Validates the raw payload, then runs the channel's handler. */
  async invoke<C extends InvokeChannel>(channel: C, payload: unknown): Promise<InvokeResponse<C>> {
    if (!Object.hasOwn(this.#channels, channel)) throw new DeskError('bad-request', 'unknown desk channel');
    const handler = this.#channels[channel] as ChannelHandler<C>;
    return handler.handle(handler.validate(payload));
  }

  /**
   * Validates the raw payload and opens the stream, or throws a DeskError
   * (before any chunk) when it is refused. The returned function closes it:
   * it stops the work at once and `sink.end` is not called.
   */
  stream<C extends StreamChannel>(channel: C, payload: unknown, sink: StreamSink<StreamChunk<C>>): () => void {
    if (!Object.hasOwn(this.#streams, channel)) throw new DeskError('bad-request', 'unknown desk stream');
    const handler = this.#streams[channel] as StreamHandler<C>;
    const request = handler.validate(payload);
    let open = true;
    let stopWork: (() => void) | undefined;
    const stop = (): void => {
      if (!open) return;
      open = false;
      this.#openStreams.delete(end);
      stopWork?.();
    };
    const end = (error?: DeskError): void => {
      if (!open) return;
      stop();
      sink.end(error);
    };
    this.#openStreams.add(end);
    try {
      const chunk = (value: StreamChunk<C>): void => {
        if (open) sink.chunk(value);
      };
      stopWork = handler.open(request, { chunk, end });
    } catch (error) {
      stop();
      throw error;
    }
    // The handler ended the stream while opening it: its work stops now.
    if (!open) stopWork();
    return stop;
  }

  /** How many streams are open now (each holds work on the desk until it ends). */
  get openStreamCount(): number {
    return this.#openStreams.size;
  }

  subscribe(listener: (event: DeskStateEvent) => void): () => void {
    return this.#events.event(listener);
  }

  /** The events a new subscriber needs to draw the whole UI. */
  snapshotEvents(): DeskStateEvent[] {
    return this.#domains.flatMap((domain) => domain.snapshot?.() ?? []);
  }

  close(): void {
    for (const end of [...this.#openStreams]) end();
    for (const domain of this.#domains) domain.dispose?.();
    this.#events.dispose();
  }

}
