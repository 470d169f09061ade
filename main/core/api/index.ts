export { DeskError, toDeskError } from './desk-errors.js';
export { DeskService, type DeskServiceDeps, type EnterUrls, type SettingsPort } from './desk-service.js';
export { DeskHttpApi } from './http-api.js';
export { isInvokeChannel, validateRequest } from './request-validation.js';
export { StaticFiles } from './static-files.js';
