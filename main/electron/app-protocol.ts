import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, rendererCsp, resolveAppAsset } from '../core/shell/index.js';

/** Must run before `app` is ready; Electron honours one call only, so every scheme goes here. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * Serves the bundled renderer on `app://desk/` from dist/renderer, every
 * response with the strict CSP. Registered on the default session only, the
 * one the main window uses: agent and widget partitions cannot load `app:`.
 */
export function serveRenderer(rendererDir: string, gatewayPort: number): () => void {
  const csp = rendererCsp(gatewayPort);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
    const asset = resolveAppAsset(request.url, rendererDir);
    if (!asset.ok) return new Response(asset.reason, { status: asset.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    let body: Buffer;
    try {
      body = await readFile(asset.file);
    } catch {
      return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': asset.contentType,
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      },
    });
  });
  return () => protocol.unhandle(APP_SCHEME);
}
