import type {
  DeskEvent,
  DeskInfo,
  DeskSettings,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
} from '../../../preload/contract.js';
import type { AgentSource } from '../agents/agent-source.js';
import { DeskError } from './desk-errors.js';
import { validateRequest } from './request-validation.js';

export interface SettingsPort {
  readonly current: DeskSettings;
  update(patch: unknown): Promise<DeskSettings>;
  onChange(listener: (settings: DeskSettings) => void): () => void;
}

export interface EnterUrls {
  agent(agentId: string): string;
  widget?(agentId: string, mount: string): string;
}

export interface DeskServiceDeps {
  agents: AgentSource;
  settings: SettingsPort;
  enterUrls: EnterUrls;
  info(): DeskInfo;
  onInfoChange?(listener: () => void): () => void;
}

type Handlers = { [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C> };

/**
 * The desk's control API, transport-free: Electron IPC and the HTTP/SSE
 * handler both call `invoke` and `subscribe`. Registry bursts (a scan of a
 * thousand workspaces) are coalesced into one `agents:changed` per tick.
 */
export class DeskService {
  readonly #deps: DeskServiceDeps;
  readonly #listeners = new Set<(event: DeskEvent) => void>();
  readonly #unsubscribe: Array<() => void> = [];
  #pendingAgents: NodeJS.Immediate | undefined;
  readonly #handlers: Handlers;

  constructor(deps: DeskServiceDeps) {
    this.#deps = deps;
    this.#handlers = {
      'desk:info': () => deps.info(),
      'agents:list': () => deps.agents.list(),
      'agents:open': ({ id }) => ({ url: deps.enterUrls.agent(this.#readyAgent(id)) }),
      'widgets:open': ({ agentId, mount }) => this.#openWidget(agentId, mount),
      'settings:get': () => deps.settings.current,
      'settings:update': (patch) => deps.settings.update(patch),
    };
    this.#unsubscribe.push(
      deps.agents.onChange(() => this.#scheduleAgentsChanged()),
      deps.settings.onChange((settings) => this.#emit({ channel: 'settings:changed', payload: { settings } })),
    );
    if (deps.onInfoChange) {
      this.#unsubscribe.push(deps.onInfoChange(() => this.#emit({ channel: 'desk:changed', payload: { info: deps.info() } })));
    }
  }

  /** Validates the raw payload, then runs the channel's handler. */
  async invoke<C extends InvokeChannel>(channel: C, payload: unknown): Promise<InvokeResponse<C>> {
    const request = validateRequest(channel, payload);
    const handler = this.#handlers[channel] as (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
    return handler(request);
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The events a new subscriber needs to draw the whole UI. */
  snapshotEvents(): DeskEvent[] {
    return [
      { channel: 'desk:changed', payload: { info: this.#deps.info() } },
      { channel: 'agents:changed', payload: { agents: this.#deps.agents.list() } },
      { channel: 'settings:changed', payload: { settings: this.#deps.settings.current } },
    ];
  }

  close(): void {
    if (this.#pendingAgents) clearImmediate(this.#pendingAgents);
    this.#pendingAgents = undefined;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#listeners.clear();
  }

  #readyAgent(id: string): string {
    const agent = this.#deps.agents.byId(id);
    if (!agent) throw new DeskError('not-found', `no agent with id "${id}"`);
    if (!agent.endpoint) {
      throw new DeskError('not-ready', `${agent.record.name} cannot be opened: ${agent.record.reason ?? `it is ${agent.record.state}`}`);
    }
    return id;
  }

  #openWidget(agentId: string, mount: string): { url: string } {
    const widget = this.#deps.enterUrls.widget;
    if (!widget) throw new DeskError('unsupported', 'widget windows are not available in this build');
    this.#readyAgent(agentId);
    return { url: widget(agentId, mount) };
  }

  #scheduleAgentsChanged(): void {
    this.#pendingAgents ??= setImmediate(() => {
      this.#pendingAgents = undefined;
      this.#emit({ channel: 'agents:changed', payload: { agents: this.#deps.agents.list() } });
    });
  }

  #emit(event: DeskEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`agent-desk: event listener failed: ${(error as Error).message}`);
      }
    }
  }
}
