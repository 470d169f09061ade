import { basename, dirname, join } from 'node:path';
import type { RootRuntimeInfo } from '../../../preload/contract.js';
import type { CommandSpec, LifecycleVerb, RuntimeKind, RuntimeSetting, WorkspaceRef } from './runtime-types.js';

/**
 * term-llm's compose project name for a workspace: the name lower-cased, each
 * run of characters outside `a-z 0-9 _` turned into one `-`, trimmed of `-`,
 * `workspace` when nothing is left.
 */
export function safeProjectName(name: string): string {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `term-llm-contain-${safe === '' ? 'workspace' : safe}`;
}

/** `<config home>/term-llm/containers`: the folder term-llm looks in for `$XDG_CONFIG_HOME` = config home. */
export function isTermLlmContainersFolder(root: string): boolean {
  return basename(root) === 'containers' && basename(dirname(root)) === 'term-llm';
}

/** A term-llm containers folder is managed by term-llm; any other root starts with no buttons. */
export function defaultRuntimeKind(root: string): RuntimeKind {
  return isTermLlmContainersFolder(root) ? 'term-llm' : 'none';
}

export function effectiveRuntime(root: string, setting: RuntimeSetting | undefined): RuntimeSetting {
  return setting ?? { kind: defaultRuntimeKind(root) };
}

export type CommandVerb = LifecycleVerb | 'logs';

/** A command, or why there is none in plain words. */
export type ResolvedCommand = { ok: true; spec: CommandSpec } | { ok: false; problem: string };

const COMPOSE_VERB: Record<CommandVerb, string[]> = {
  start: ['up', '-d'],
  stop: ['stop'],
  restart: ['restart'],
  logs: ['logs', '--follow', '--tail', '200'],
};

function composeArgv(ws: WorkspaceRef, verb: CommandVerb, logsSince: number | undefined): string[] {
  // A follower that resumes asks only for what came after the last one ended: no replayed lines.
  const tail = verb === 'logs' && logsSince !== undefined ? ['logs', '--follow', '--since', new Date(logsSince).toISOString()] : COMPOSE_VERB[verb];
  return ['docker', 'compose', '-f', join(ws.dir, 'compose.yaml'), '--project-directory', ws.dir, '-p', ws.project ?? safeProjectName(ws.name), ...tail];
}

function fillTemplate(template: string[], ws: WorkspaceRef): string[] {
  return template.map((part) => part.replaceAll('{name}', ws.name).replaceAll('{dir}', ws.dir));
}

/**
 * The argv a runtime runs for one verb on one workspace. term-llm has no
 * `logs` verb, so its agents' logs come from the same compose project.
 * `logsSince` (epoch ms): the container log from then on instead of its last
 * 200 lines (compose runtimes; a custom logs command is run as written).
 */
export function resolveCommand(setting: RuntimeSetting, verb: CommandVerb, ws: WorkspaceRef, logsSince?: number): ResolvedCommand {
  switch (setting.kind) {
    case 'none':
      return { ok: false, problem: 'this root has no start/stop commands (runtime "none" in Settings)' };
    case 'compose':
      return { ok: true, spec: { argv: composeArgv(ws, verb, logsSince), env: {} } };
    case 'term-llm': {
      if (!isTermLlmContainersFolder(ws.root)) {
        return { ok: false, problem: `term-llm only manages workspaces in a folder named term-llm/containers; choose "compose" for ${ws.root} in Settings` };
      }
      const env = { XDG_CONFIG_HOME: dirname(dirname(ws.root)) };
      if (verb === 'logs') return { ok: true, spec: { argv: composeArgv(ws, verb, logsSince), env } };
      return { ok: true, spec: { argv: ['term-llm', 'contain', verb, ws.name], env } };
    }
    case 'custom': {
      const template = setting.custom?.[verb];
      if (!template || template.length === 0) return { ok: false, problem: `no custom "${verb}" command is set for this root` };
      return { ok: true, spec: { argv: fillTemplate(template, ws), env: {} } };
    }
  }
}

/** One argument as a shell would need it typed (for display only: commands never run through a shell). */
function quoteForDisplay(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./{}<>-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function describeCommand(spec: CommandSpec): string {
  const env = Object.entries(spec.env).map(([key, value]) => `${key}=${quoteForDisplay(value)}`);
  return [...env, ...spec.argv.map(quoteForDisplay)].join(' ');
}

/** Stands for a workspace's sanitised name (`safeProjectName`) where Settings shows a command. */
export const SAFE_NAME_PLACEHOLDER = '<safe-name>';

/**
 * A root's resolved runtime and the commands it would run, shown in Settings
 * with `<name>` for the workspace and `term-llm-contain-<safe-name>` for its
 * compose project (sanitising `<name>` itself would show a project no agent has).
 */
export function rootRuntimeInfo(root: string, setting: RuntimeSetting | undefined): RootRuntimeInfo {
  const runtime = effectiveRuntime(root, setting);
  const ws: WorkspaceRef = { name: '<name>', dir: join(root, '<name>'), root, project: `term-llm-contain-${SAFE_NAME_PLACEHOLDER}` };
  const info: RootRuntimeInfo = { kind: runtime.kind, source: setting ? 'settings' : 'default', commands: {} };
  for (const verb of ['start', 'stop', 'restart', 'logs'] as const) {
    const resolved = resolveCommand(runtime, verb, ws);
    if (resolved.ok) info.commands[verb] = describeCommand(resolved.spec);
    else if (verb === 'start' && runtime.kind !== 'none') info.problem = resolved.problem;
  }
  return info;
}
