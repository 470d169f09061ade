import { DisposableStore } from '../../../common/disposable-store.js';
import { Emitter } from '../../../common/emitter.js';
import { isDockerRuntime } from '../../../common/lifecycle-offer.js';
import type { HealthSnapshot } from '../health/health-types.js';
import type { Workspace, WorkspaceChange } from '../workspace/workspace-types.js';
import { AgentLogs } from './agent-logs.js';
import { runCommand, type CommandOutcome } from './command-runner.js';
import { containerFor, containerState, publishesPort, tokenHold, type DockerView } from './docker-state.js';
import type { AgentRuntimeView, LifecycleLogEvent, LifecycleProgress } from './lifecycle-types.js';
import type { LogLine, LogRingLimits } from './log-ring.js';
import { scrubLine } from './log-scrub.js';
import { describeCommand, effectiveRuntime, resolveCommand, type CommandVerb } from './runtime-commands.js';
import type { CommandSpec, LifecycleVerb, RuntimeSetting, WorkspaceRef } from './runtime-types.js';

export class LifecycleError extends Error {
  constructor(readonly code: 'not-found' | 'unsupported' | 'busy', message: string) {
    super(message);
    this.name = 'LifecycleError';
  }
}

export interface LifecycleDeps {
  workspaces: { list(): Workspace[]; onChange(listener: (change: WorkspaceChange) => void): () => void };
  health: {
    get(id: string): HealthSnapshot | undefined;
    onUpdate(listener: (id: string, snapshot: HealthSnapshot) => void): () => void;
    /** Probe often for a while (a start or stop was just asked for); returns its early end. */
    probeFastFor?(id: string, durationMs: number): () => void;
  };
  docker: { readonly view: DockerView; onChange(listener: (view: DockerView) => void): () => void };
  /** The stored runtime setting of a root (undefined: the default for that root). */
  runtimeSetting(root: string): RuntimeSetting | undefined;
  env?: NodeJS.ProcessEnv;
  /** Start and restart may build an image: minutes. */
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
  logLimits?: LogRingLimits;
}

interface Operation {
  verb: LifecycleVerb;
  done: Promise<CommandOutcome>;
  controller: AbortController;
}

interface Transition {
  kind: 'starting' | 'stopping';
  until: number;
  commandDone: boolean;
  timer: ReturnType<typeof setTimeout>;
  /** Ends the fast health probing asked for this transition. */
  endFastProbe?: () => void;
}

interface AgentState {
  operation?: Operation;
  transition?: Transition;
  lastFailure?: string;
  view?: string;
}

const MISSING_HINTS: Record<string, string> = {
  'term-llm': 'install it or choose "compose" for this root in Settings',
  docker: 'install Docker, or choose another runtime for this root in Settings',
};

function workspaceRef(ws: Workspace): WorkspaceRef {
  return { name: ws.name, dir: ws.path, root: ws.root };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/**
 * Start, stop, restart and logs of agents (README "Starting and stopping agents", ADR 0016): argv
 * commands, one at a time per agent (a second click joins the first), with
 * a timeout and cancel; Docker's view of each container; `starting` /
 * `stopping` until health or Docker confirms; and the token hold for agents
 * whose container is not the one on their port.
 */
export class LifecycleManager {
  readonly #deps: LifecycleDeps;
  readonly #agents = new Map<string, AgentState>();
  readonly #workspaces = new Map<string, Workspace>();
  readonly #logs: AgentLogs;
  readonly #changes = new Emitter<string>('lifecycle change');
  readonly #progress = new Emitter<LifecycleProgress>('lifecycle progress');
  readonly #logLines = new Emitter<LifecycleLogEvent>('lifecycle log');
  readonly #subscriptions = new DisposableStore('lifecycle');
  readonly #startTimeoutMs: number;
  readonly #stopTimeoutMs: number;
  #closed = false;

  constructor(deps: LifecycleDeps) {
    this.#deps = deps;
    this.#startTimeoutMs = deps.startTimeoutMs ?? 15 * 60_000;
    this.#stopTimeoutMs = deps.stopTimeoutMs ?? 2 * 60_000;
    this.#logs = new AgentLogs({
      ...(deps.logLimits ? { limits: deps.logLimits } : {}),
      ...(deps.env ? { baseEnv: deps.env } : {}),
      onLine: (id, line) => this.#emitLog({ id, line }),
      resumable: (id) => {
        const ws = this.#workspace(id);
        return !this.#closed && ws !== undefined && this.runtimeOf(ws).runtime.container === 'running';
      },
    });
    for (const ws of deps.workspaces.list()) this.#workspaces.set(ws.id, ws);
    this.#subscriptions.add(
      deps.docker.onChange(() => this.refreshAll()),
      deps.health.onUpdate((id, snapshot) => this.#healthChanged(id, snapshot)),
      deps.workspaces.onChange((change) => {
        if (change.kind === 'removed') {
          this.#workspaces.delete(change.workspace.id);
          this.#forget(change.workspace.id);
          return;
        }
        this.#workspaces.set(change.workspace.id, change.workspace);
        this.#recompute(change.workspace.id);
      }),
    );
  }

  /** Runtime, token hold and transition of one agent, from the workspace as the caller has it. */
  runtimeOf(ws: Workspace): AgentRuntimeView {
    const id = ws.id;
    const setting = effectiveRuntime(ws.root, this.#deps.runtimeSetting(ws.root));
    const view = this.#deps.docker.view;
    const container = view.known ? containerFor(view.containers, { name: ws.name, dir: ws.path }) : undefined;
    const state = this.#agents.get(id);
    const details = [view.known ? container?.status : view.reason, state?.lastFailure].filter((part): part is string => Boolean(part));
    const result: AgentRuntimeView = { runtime: { kind: setting.kind, container: containerState(view, container) } };
    if (details.length) result.runtime.detail = details.join('; ');
    if (state?.operation) result.runtime.operation = state.operation.verb;
    const hold = ws.endpoint ? tokenHold(view, container, setting.kind, ws.endpoint.port) : undefined;
    if (hold) result.hold = hold;
    if (state?.transition) result.transition = state.transition.kind;
    return result;
  }

  /** Whether the workspace's own container runs and publishes `port` (who keeps a shared port). */
  publishes(ws: Workspace, port: number): boolean {
    const view = this.#deps.docker.view;
    return view.known && publishesPort(view, containerFor(view.containers, { name: ws.name, dir: ws.path }), port);
  }

  /** The command a verb would run for an agent (for Settings), or why there is none. */
  commandFor(id: string, verb: CommandVerb, logsSince?: number): { spec?: CommandSpec; problem?: string } {
    const ws = this.#workspace(id);
    if (!ws) return { problem: 'no such agent' };
    const resolved = resolveCommand(effectiveRuntime(ws.root, this.#deps.runtimeSetting(ws.root)), verb, workspaceRef(ws), logsSince);
    return resolved.ok ? { spec: resolved.spec } : { problem: resolved.problem };
  }

  /**
   * Runs a verb, or joins the same verb already running. Resolves at once
   * (progress arrives as events); throws a LifecycleError when it cannot.
   */
  run(id: string, verb: LifecycleVerb): { joined: boolean } {
    const ws = this.#workspace(id);
    if (!ws) throw new LifecycleError('not-found', `no agent with id "${id}"`);
    const state = this.#state(id);
    if (state.operation) {
      if (state.operation.verb === verb) return { joined: true };
      throw new LifecycleError('busy', `${ws.name} is busy: "${state.operation.verb}" is still running (cancel it first)`);
    }
    const { spec, problem } = this.commandFor(id, verb);
    if (!spec) throw new LifecycleError('unsupported', `${ws.name} cannot ${verb}: ${problem}`);
    const controller = new AbortController();
    const timeoutMs = verb === 'stop' ? this.#stopTimeoutMs : this.#startTimeoutMs;
    const secrets = (): string[] => this.#secrets(id);
    const executable = spec.argv[0] ?? '';
    this.#logs.add(id, 'command', `$ ${describeCommand(spec)}`, secrets());
    const done = runCommand(spec, {
      timeoutMs,
      signal: controller.signal,
      onLine: (line) => this.#logs.add(id, 'command', line, secrets()),
      scrub: (line) => scrubLine(line, secrets()),
      ...(this.#deps.env ? { baseEnv: this.#deps.env } : {}),
      ...(MISSING_HINTS[executable] ? { missingHint: MISSING_HINTS[executable] } : {}),
    });
    state.operation = { verb, done, controller };
    state.lastFailure = undefined;
    this.#beginTransition(id, state, verb === 'stop' ? 'stopping' : 'starting', timeoutMs);
    this.#emitProgress({ id, verb, phase: 'running', message: `${verb} ${ws.name}` });
    void done.then((outcome) => this.#finished(id, verb, outcome));
    return { joined: false };
  }

  /** Cancels the running command of an agent (its process group is killed). */
  cancel(id: string): boolean {
    const operation = this.#agents.get(id)?.operation;
    if (!operation) return false;
    operation.controller.abort();
    return true;
  }

  /** The verb whose command runs for the agent now, if any (the tray offers Cancel then). */
  running(id: string): LifecycleVerb | undefined {
    return this.#agents.get(id)?.operation?.verb;
  }

  /** The running command's outcome (for tests and shutdown); undefined when idle. */
  whenIdle(id: string): Promise<CommandOutcome> | undefined {
    return this.#agents.get(id)?.operation?.done;
  }

  logs(id: string): LogLine[] {
    if (!this.#workspace(id)) throw new LifecycleError('not-found', `no agent with id "${id}"`);
    return this.#logs.list(id);
  }

  /** A log view opened: follow the container's log while any view is open. Returns its release. */
  watchLogs(id: string): () => void {
    if (!this.#workspace(id)) throw new LifecycleError('not-found', `no agent with id "${id}"`);
    return this.#logs.watch(id, (since) => this.commandFor(id, 'logs', since).spec, () => this.#secrets(id));
  }

  /** Settings or Docker changed: recompute every agent. */
  refreshAll(): void {
    for (const id of this.#workspaces.keys()) this.#recompute(id);
  }

  onChange(listener: (id: string) => void): () => void {
    return this.#changes.event(listener);
  }

  onProgress(listener: (progress: LifecycleProgress) => void): () => void {
    return this.#progress.event(listener);
  }

  onLog(listener: (event: LifecycleLogEvent) => void): () => void {
    return this.#logLines.event(listener);
  }

  /** Cancels every running command and log follower, and waits for the commands to end. */
  async close(): Promise<void> {
    this.#closed = true;
    void this.#subscriptions.dispose();
    const running: Array<Promise<unknown>> = [];
    for (const state of this.#agents.values()) {
      if (state.transition) this.#dropTransition(state.transition);
      if (state.operation) {
        state.operation.controller.abort();
        running.push(state.operation.done);
      }
    }
    this.#logs.close();
    await Promise.allSettled(running);
    this.#changes.dispose();
    this.#progress.dispose();
    this.#logLines.dispose();
  }

  #workspace(id: string): Workspace | undefined {
    return this.#workspaces.get(id);
  }

  #secrets(id: string): string[] {
    const token = this.#workspace(id)?.endpoint?.token.reveal();
    return token ? [token] : [];
  }

  #state(id: string): AgentState {
    let state = this.#agents.get(id);
    if (!state) {
      state = {};
      this.#agents.set(id, state);
    }
    return state;
  }

  #beginTransition(id: string, state: AgentState, kind: 'starting' | 'stopping', timeoutMs: number): void {
    if (state.transition) this.#dropTransition(state.transition);
    const timer = setTimeout(() => this.#endTransition(id), timeoutMs);
    timer.unref();
    state.transition = { kind, until: Date.now() + timeoutMs, commandDone: false, timer };
    state.transition.endFastProbe = this.#deps.health.probeFastFor?.(id, timeoutMs);
    this.#recompute(id);
  }

  #endTransition(id: string): void {
    const state = this.#agents.get(id);
    if (!state?.transition) return;
    this.#dropTransition(state.transition);
    state.transition = undefined;
    this.#recompute(id);
  }

  /** Its timer and its fast probing end with it: an agent already online is probed at the usual pace again. */
  #dropTransition(transition: Transition): void {
    clearTimeout(transition.timer);
    transition.endFastProbe?.();
    transition.endFastProbe = undefined;
  }

  #finished(id: string, verb: LifecycleVerb, outcome: CommandOutcome): void {
    const state = this.#agents.get(id);
    if (!state || this.#closed) return;
    state.operation = undefined;
    const message = scrubLine(outcome.message, this.#secrets(id));
    // After the progress event: a UI sees "done" first, then a record with no command running.
    queueMicrotask(() => this.#recompute(id));
    if (outcome.kind !== 'ok') {
      state.lastFailure = `${verb} failed: ${firstLine(message)}`;
      this.#logs.add(id, 'command', firstLine(message), this.#secrets(id));
      this.#emitProgress({ id, verb, phase: 'failed', message });
      this.#endTransition(id);
      return;
    }
    this.#emitProgress({ id, verb, phase: 'done', message });
    if (state.transition) {
      state.transition.commandDone = true;
      state.transition.endFastProbe?.();
      state.transition.endFastProbe = this.#deps.health.probeFastFor?.(id, Math.max(1_000, state.transition.until - Date.now()));
      this.#settleTransition(id, state);
    }
  }

  /** Ends `starting` once health says online, `stopping` once the agent is gone — only after the command ended. */
  #settleTransition(id: string, state: AgentState): void {
    const transition = state.transition;
    if (!transition?.commandDone) return;
    const status = this.#deps.health.get(id)?.health.status;
    const ws = this.#workspace(id);
    const view = ws && this.runtimeOf(ws);
    const container = view?.runtime.container;
    // No container says "gone" only where the agent is a term-llm container; a custom runtime's may run anywhere.
    const noContainer = container === 'missing' && view !== undefined && isDockerRuntime(view.runtime.kind);
    const confirmed =
      transition.kind === 'starting' ? status === 'online' || status === 'unauthorized' : status !== 'online' || container === 'stopped' || noContainer;
    if (confirmed) this.#endTransition(id);
  }

  #healthChanged(id: string, _snapshot: HealthSnapshot): void {
    const state = this.#agents.get(id);
    if (state) this.#settleTransition(id, state);
  }

  #recompute(id: string): void {
    const ws = this.#workspace(id);
    if (this.#closed || !ws) return;
    const state = this.#state(id);
    if (state.transition) this.#settleTransition(id, state);
    const view = this.runtimeOf(ws);
    const key = JSON.stringify(view);
    if (state.view === key) return;
    state.view = key;
    // A container that came up while its log is watched: follow it again.
    if (view.runtime.container === 'running' && this.#logs.viewers(id) > 0) {
      this.#logs.ensureFollowing(id, (since) => this.commandFor(id, 'logs', since).spec, () => this.#secrets(id));
    }
    this.#changes.fire(id);
  }

  #forget(id: string): void {
    const state = this.#agents.get(id);
    if (state?.operation) state.operation.controller.abort();
    if (state?.transition) this.#dropTransition(state.transition);
    this.#agents.delete(id);
    this.#logs.forget(id);
    this.#changes.fire(id);
  }

  #emitProgress(progress: LifecycleProgress): void {
    this.#progress.fire(progress);
  }

  #emitLog(event: LifecycleLogEvent): void {
    this.#logLines.fire(event);
  }
}
