import { parseJsonBody } from '../health/parse.js';
import type { AgentEndpoint } from '../workspace/workspace-types.js';
import type { AgentHttp } from './agent-http.js';
import type { SessionState, SessionStatus } from './attention-types.js';
import { parseSessionState, parseStatusSessions } from './parse-attention.js';
import type { ScheduleRun } from './poll-clock.js';

/** What a poller reports to; the attention center implements it per agent. */
export interface PollSink {
  /** A new status list; returns the sessions whose state to fetch. */
  status(sessions: SessionStatus[]): string[];
  /** Status unchanged (304): the sessions whose state to fetch anyway. */
  unchanged(): string[];
  state(sessionId: string, state: SessionState): void;
  /**
   * The agent answered 401 to our bearer: the sink resets the agent's model.
   * The poller forgets its ETag with it, so the next status is read whole
   * (a 304 against an emptied model would leave it empty for good).
   */
  unauthorized(): void;
  /** Whether a run is active (decides the next delay). */
  busy(): boolean;
}

export interface PollTiming {
  activeIntervalMs: number;
  idleIntervalMs: number;
}

/** One agent's status is read at most this often per tick, in order. */
const MAX_STATE_FETCHES = 20;
const NO_STATE: SessionState = { active: false, approvals: [], questions: [] };

/** An ETag we may send back: quoted, printable, short. */
function usableEtag(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 200 && /^(W\/)?"[\x21\x23-\x7e]*"$/.test(value) ? value : undefined;
}

/**
 * Polls one online agent: `sessions/status` with `If-None-Match`, then
 * `state` of the sessions the sink asks for. One request at a time, one
 * next poll scheduled (on the center's shared clock, ADR 0029); the delay
 * is short while a run is active. Anything the agent
 * answers that is not the expected JSON changes nothing.
 */
export class AgentPoller {
  readonly endpoint: AgentEndpoint;
  readonly #http: AgentHttp;
  readonly #sink: PollSink;
  readonly #timing: PollTiming;
  readonly #schedule: ScheduleRun;
  #etag: string | undefined;
  #cancelNext: (() => void) | undefined;
  #controller = new AbortController();
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;
  /** Why the last tick produced nothing (for logs and tests); never holds a secret. */
  lastError: string | undefined;

  constructor(endpoint: AgentEndpoint, http: AgentHttp, sink: PollSink, timing: PollTiming, schedule: ScheduleRun) {
    this.endpoint = endpoint;
    this.#http = http;
    this.#sink = sink;
    this.#timing = timing;
    this.#schedule = schedule;
  }

  start(): void {
    this.pollNow();
  }

  /** Polls now, or right after the tick in flight. */
  pollNow(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#cancelNext?.();
    this.#cancelNext = undefined;
    this.#running = this.#tick()
      .catch(() => {
        this.lastError = 'attention poll failed';
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#closed) return;
        if (this.#again) {
          this.#again = false;
          this.pollNow();
          return;
        }
        const delay = this.#sink.busy() ? this.#timing.activeIntervalMs : this.#timing.idleIntervalMs;
        this.#cancelNext = this.#schedule(delay, () => this.pollNow());
      });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#cancelNext?.();
    this.#cancelNext = undefined;
    this.#controller.abort();
    await this.#running;
  }

  async #tick(): Promise<void> {
    const signal = this.#controller.signal;
    const answer = await this.#http.get(this.endpoint, '/v1/sessions/status', { etag: this.#etag, signal });
    if (this.#closed) return;
    if (!answer.ok) {
      this.lastError = `sessions status: ${answer.error}`;
      return;
    }
    let fetch: string[];
    if (answer.status === 304 && this.#etag) {
      fetch = this.#sink.unchanged();
    } else if (answer.status === 401) {
      this.#refused('sessions status');
      return;
    } else if (answer.status !== 200) {
      this.lastError = `sessions status answered HTTP ${answer.status}`;
      return;
    } else {
      const json = parseJsonBody('sessions status', answer.headers, answer.body);
      const parsed = json.ok ? parseStatusSessions(json.value) : json;
      if (!parsed.ok) {
        this.#etag = undefined;
        this.lastError = parsed.error;
        return;
      }
      this.#etag = usableEtag(answer.headers.etag);
      fetch = this.#sink.status(parsed.value);
    }
    this.lastError = undefined;
    for (const sessionId of fetch.slice(0, MAX_STATE_FETCHES)) {
      const refused = await this.#fetchState(sessionId, signal);
      // The model was just reset: the rest waits for the next whole status.
      if (this.#closed || refused) return;
    }
  }

  /** Whether the agent refused our bearer (the model is reset then). */
  async #fetchState(sessionId: string, signal: AbortSignal): Promise<boolean> {
    const answer = await this.#http.get(this.endpoint, `/v1/sessions/${encodeURIComponent(sessionId)}/state`, { signal });
    if (this.#closed || !answer.ok) return false;
    if (answer.status === 401) {
      this.#refused('session state');
      return true;
    }
    // A session the agent no longer knows has nothing pending.
    if (answer.status === 404) this.#sink.state(sessionId, NO_STATE);
    if (answer.status !== 200) return false;
    const json = parseJsonBody('session state', answer.headers, answer.body);
    const parsed = json.ok ? parseSessionState(json.value) : json;
    if (parsed.ok) this.#sink.state(sessionId, parsed.value);
    else this.lastError = parsed.error;
    return false;
  }

  /** A 401 on any route: the sink resets the model, so the ETag that matched it goes too. */
  #refused(route: string): void {
    this.#etag = undefined;
    this.lastError = `${route}: the agent refused our token (401)`;
    this.#sink.unauthorized();
  }
}
