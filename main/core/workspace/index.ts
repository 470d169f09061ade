export { EnvFileSyntaxError, parseEnvFile } from './env-file.js';
export { createLimiter } from './limiter.js';
export {
  ENV_FILE_NAME,
  MAX_ENV_BYTES,
  MAX_WORKSPACE_NAME_LENGTH,
  readWorkspace,
  workspaceNameProblem,
} from './read-workspace.js';
export { RootWatch, type RootWatchEvent } from './root-watch.js';
export {
  dedupeRootSpecs,
  defaultRoot,
  expandRootPath,
  resolveRoots,
  folderIdentity,
  rootStatus,
  type ResolveRootsInput,
} from './roots.js';
export { compareWorkspaces, sameVisibleWorkspace } from './workspace-compare.js';
export {
  DEFAULT_WEB_BASE_PATH,
  DEFAULT_WEB_PORT,
  checkWebBasePath,
  checkWebPort,
  workspaceConfig,
  type WorkspaceConfig,
} from './workspace-config.js';
export { WorkspaceDirectory, type WorkspaceDirectoryOptions } from './workspace-directory.js';
export type { AgentEndpoint, RootSpec, Workspace, WorkspaceChange } from './workspace-types.js';
