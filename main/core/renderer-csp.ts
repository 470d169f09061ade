/**
 * The UI's Content-Security-Policy, the same in both modes (the Electron
 * window on `app://desk` and the desk host in browser mode): its own scripts
 * and styles only, no inline script, no network but its own origin. Agent
 * views are iframes (browser) or `<webview>`s (Electron) on
 * `http://<label>.localhost:PORT`; `*.localhost` on the gateway port is the
 * narrowest source that still admits agents appearing live, and widget hosts
 * and the desk refuse to be framed themselves (`frame-ancestors 'none'`).
 */
export function rendererCsp(gatewayPort: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src http://*.localhost:${gatewayPort}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
