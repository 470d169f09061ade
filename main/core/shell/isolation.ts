/**
 * The isolation every web content Agent Desk creates gets — the main window,
 * agent webviews and widget windows alike: sandboxed, context-isolated, no
 * Node.js anywhere, web security on. Each caller adds only what differs.
 */
export const ISOLATED_WEB_PREFERENCES = Object.freeze({
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
} as const);
