import { DisposableStore } from '../../common/disposable-store.js';
import { reportTo } from '../../common/emitter.js';
import os from 'node:os';
import type { DeskInfo } from '../../preload/contract.js';
import { AgentRegistry } from './agents/index.js';
import { AttentionCenter, createAgentHttp } from './attention/index.js';
import { DeskHttpApi, DeskService, StaticFiles } from './api/index.js';
import { createGateway, type Gateway } from './gateway/index.js';
import { APP_ORIGIN } from './shell/app-url.js';
import { HealthMonitor } from './health/index.js';
import { STORAGE_PROBE_LABEL } from './hosts/index.js';
import { carryOverAgentIds } from './hosts/legacy-labels.js';
import { DockerWatcher, IdleStopper, LifecycleManager, rootRuntimeInfo } from './lifecycle/index.js';
import { checkRoot } from './settings/root-check.js';
import { SettingsFile } from './settings/index.js';
import { resolveRoots, WorkspaceDirectory, type Workspace } from './workspace/index.js';

export interface DeskOptions {
  /** Undefined: the port in the settings (default 47800). */
  port?: number;
  /** `--root` flags, in order. */
  flagRoots: string[];
  configDir: string;
  mode: DeskInfo['mode'];
  /** Built renderer (dist/renderer); the desk host serves it in browser mode. */
  staticDir?: string;
  version: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  healthIntervalMs?: number;
  /** How long probe-time-only changes are gathered before the pages hear them (default 5 s, FRESHNESS_EMIT_MS). */
  freshnessMs?: number;
  /** Attention polling: while a run is active / otherwise. Default 3 s / 10 s (ACTIVE_POLL_MS, IDLE_POLL_MS). */
  attentionIntervalsMs?: { active: number; idle: number };
  /** Lifecycle command deadlines (tests shorten them). */
  lifecycleTimeouts?: { startMs?: number; stopMs?: number };
  /** How long startup waits for Docker's first answer before going on without it. */
  dockerFirstAnswerMs?: number;
  /** Idle stop's check interval and the length of its "minute" (tests shorten both). */
  idleStop?: { checkMs?: number; minuteMs?: number };
}

export interface Desk {
  readonly gateway: Gateway;
  readonly registry: AgentRegistry;
  readonly workspaces: WorkspaceDirectory;
  readonly service: DeskService;
  readonly settings: SettingsFile;
  readonly attention: AttentionCenter;
  readonly lifecycle: LifecycleManager;
  readonly docker: DockerWatcher;
  info(): DeskInfo;
  /** Stops everything this desk started, in reverse order. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The composition root shared by `agent-desk serve` and the Electron shell:
 * settings → workspace discovery → health → registry → control API → gateway.
 */
export async function startDesk(options: DeskOptions): Promise<Desk> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const settings = new SettingsFile(options.configDir);
  const loaded = await settings.load();
  const rootsFor = (settingsRoots: string[]) =>
    resolveRoots({ flags: options.flagRoots, settings: settingsRoots, env, home: os.homedir() });

  // Agent and widget labels are keyed per install: stable across restarts, unguessable elsewhere.
  const installKey = await settings.installKey();
  const workspaces = new WorkspaceDirectory({ roots: rootsFor(loaded.settings.roots), installKey });
  const health = new HealthMonitor(options.healthIntervalMs ? { intervalMs: options.healthIntervalMs } : {});
  // Shutdown undoes start-up in reverse; a failing step is logged and the rest still run.
  const disposers = new DisposableStore('desk shutdown', reportTo(log));
  const dispose = (): Promise<void> => disposers.dispose();

  try {
    const docker = new DockerWatcher({ env });
    disposers.add(() => workspaces.close(), () => health.close(), () => docker.close());
    // Docker's first answer decides which agents' tokens are held back, so it
    // comes before the first probe; a Docker that does not answer soon is unknown.
    await Promise.all([workspaces.start(), firstAnswer(docker, options.dockerFirstAnswerMs ?? 3_000)]);
    await carryOverMutes(settings, workspaces.list(), log);
    const lifecycle = new LifecycleManager({
      workspaces,
      health,
      docker,
      runtimeSetting: (root) => settings.current.runtimes[root],
      env,
      ...(options.lifecycleTimeouts?.startMs ? { startTimeoutMs: options.lifecycleTimeouts.startMs } : {}),
      ...(options.lifecycleTimeouts?.stopMs ? { stopTimeoutMs: options.lifecycleTimeouts.stopMs } : {}),
    });
    disposers.add(() => lifecycle.close());
    // Widget hosts carry the gateway's port, so records get them once it listens (refreshAll below).
    const listening: { gateway?: Gateway } = {};
    const late: { attention?: AttentionCenter } = {};
    const registry = new AgentRegistry({
      workspaces,
      health,
      runtime: lifecycle,
      widgetHost: (id, mount) => listening.gateway?.widgetHost(id, mount),
      attention: (id) => late.attention?.counts(id) ?? { needsYou: 0, finished: 0 },
    });
    disposers.add(() => registry.close());
    const agentHttp = createAgentHttp();
    const attention = new AttentionCenter({
      agents: registry,
      http: agentHttp,
      ...(options.attentionIntervalsMs
        ? { activeIntervalMs: options.attentionIntervalsMs.active, idleIntervalMs: options.attentionIntervalsMs.idle }
        : {}),
    });
    late.attention = attention;
    disposers.add(() => agentHttp.close(), () => attention.close());
    // Counts live on the records: a change in attention rebuilds those records.
    disposers.add(attention.onChange((change) => change.agents.forEach((id) => registry.refresh(id))));

    // `gateway` is created below; these closures only run once it exists.
    const info = (): DeskInfo => {
      const value: DeskInfo = {
        version: options.version,
        mode: options.mode,
        gatewayPort: gateway.port,
        roots: workspaces.rootStatuses().map((root) => ({ ...root, runtime: rootRuntimeInfo(root.path, settings.current.runtimes[root.path]) })),
      };
      if (options.mode === 'browser') value.storageProbeUrl = `${gateway.origin(STORAGE_PROBE_LABEL)}/`;
      if (loaded.warning) value.settingsWarning = loaded.warning;
      return value;
    };
    const service = new DeskService({
      agents: registry,
      ...(options.freshnessMs === undefined ? {} : { freshnessMs: options.freshnessMs }),
      settings: {
        get current() {
          return settings.current;
        },
        update: (patch) => settings.update(patch),
        onChange: (listener) => settings.onChange(listener),
        // Against the default root and every --root (the form sends its own list).
        checkRoot: (path, others) => checkRoot(path, { fixed: rootsFor([]), others, home: os.homedir() }),
      },
      info,
      // Root runtimes live in settings: a change there changes what Settings shows.
      onInfoChange: (listener) => {
        const stops = [workspaces.onRootsChanged(listener), settings.onChange(() => listener())];
        return () => stops.forEach((stop) => stop());
      },
      attention,
      lifecycle,
      enterUrls: {
        agent: (id, to) => gateway.agentEnterUrl(id, to),
        widget: (agentId, mount) => gateway.widgetEnterUrl(agentId, mount),
      },
    });
    disposers.add(() => service.close());
    const unsubscribeRoots = settings.onChange((next) => {
      workspaces.setRoots(rootsFor(next.roots)).catch((error: Error) => log(`could not apply roots: ${error.message}`));
      lifecycle.refreshAll();
    });
    disposers.add(unsubscribeRoots);

    const api = new DeskHttpApi(service);
    disposers.add(() => api.close());
    const staticFiles = options.staticDir ? new StaticFiles(options.staticDir, () => gateway.port) : undefined;
    const gateway: Gateway = createGateway({
      port: options.port ?? loaded.settings.port,
      agents: registry,
      installKey,
      log,
      // The Electron app's <webview>s embed agents from its own app:// origin.
      embedderOrigins: options.mode === 'electron' ? [APP_ORIGIN] : [],
      // The offline page's Start button (ADR 0022): start only, and only where the root has a command.
      lifecycle: {
        canStart: (id) => lifecycle.commandFor(id, 'start').spec !== undefined,
        canRestart: (id) => lifecycle.commandFor(id, 'restart').spec !== undefined,
        start: (id) => {
          try {
            lifecycle.run(id, 'start');
            return undefined;
          } catch (error) {
            return (error as Error).message;
          }
        },
      },
      deskHandler: (req, res) => {
        const pathname = new URL(req.url ?? '/', 'http://desk.localhost').pathname;
        const work = api.handles(pathname)
          ? api.handle(req, res, pathname)
          : staticFiles
            ? staticFiles.handle(req, res, pathname)
            : Promise.resolve(void res.writeHead(404).end());
        work.catch((error: Error) => {
          log(`desk request failed: ${error.message}`);
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end();
        });
      },
    });
    await gateway.listen();
    disposers.add(() => gateway.close());
    listening.gateway = gateway;
    registry.refreshAll();
    attention.start();
    const idleStop = new IdleStopper({
      agents: () => registry.list(),
      stoppable: (id) => lifecycle.commandFor(id, 'stop').spec !== undefined && lifecycle.whenIdle(id) === undefined,
      lastRequestAt: (id) => gateway.lastRequestAt(id),
      minutes: () => settings.current.idleStopMinutes,
      stop: (id) => lifecycle.run(id, 'stop'),
      log,
      ...options.idleStop,
    });
    disposers.add(() => idleStop.close());

    return { gateway, registry, workspaces, service, settings, attention, lifecycle, docker, info, close: dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function firstAnswer(docker: DockerWatcher, waitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  return Promise.race([docker.start(), deadline]).finally(() => clearTimeout(timer));
}

/**
 * Mutes kept under an agent's pre-ADR-0020 id follow it to its current id
 * (once: the old ids never come back). A failed write is logged, not fatal.
 */
async function carryOverMutes(settings: SettingsFile, workspaces: Workspace[], log: (line: string) => void): Promise<void> {
  const notifications = settings.current.notifications;
  const mutedAgents = carryOverAgentIds(notifications.mutedAgents, workspaces);
  if (mutedAgents === undefined) return;
  try {
    await settings.update({ notifications: { ...notifications, mutedAgents } });
  } catch (error) {
    log(`could not carry muted agents over to their new ids: ${(error as Error).message}`);
  }
}
