export { DeskError, toDeskError } from './desk-errors.js';
export { DeskService, type DeskServiceDeps } from './desk-service.js';
export type { EnterUrls } from './handlers/agents-handlers.js';
export type { SettingsPort } from './handlers/settings-handlers.js';
export { DeskHttpApi } from './http-api.js';
export { StaticFiles } from './static-files.js';
