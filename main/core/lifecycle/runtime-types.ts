import type { RootRuntimeSetting, RuntimeKind } from '../../../preload/contract.js';

export type { RuntimeKind };

/** What Docker says of an agent's container. */
export type ContainerState = 'running' | 'stopped' | 'missing' | 'unknown';

export type LifecycleVerb = 'start' | 'stop' | 'restart';

/** A root's runtime as stored in settings; `custom` argv templates get `{name}` and `{dir}` per workspace. */
export type RuntimeSetting = RootRuntimeSetting;

/** One command to run: argv (never a shell string) and the environment it adds. */
export interface CommandSpec {
  argv: string[];
  env: Record<string, string>;
}

/** The workspace facts a command needs (never the token). */
export interface WorkspaceRef {
  name: string;
  /** Absolute path of the workspace folder. */
  dir: string;
  /** Absolute path of the root it was found under. */
  root: string;
  /** The compose project, when not term-llm's own for `name` (Settings shows a placeholder). */
  project?: string;
}
