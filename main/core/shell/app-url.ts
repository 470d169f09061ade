import path from 'node:path';

/**
 * The main window's own origin. A custom standard scheme (registered as
 * privileged: standard + secure) gives the bundled renderer a real origin that
 * no web page, agent or widget can ever have, so "the sender frame is the
 * main window" can be checked by comparing one origin string.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export type AppAsset =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 400 | 404; reason: string };

/**
 * Maps an `app://desk/...` request onto a file under the renderer's build
 * folder. Anything that could leave that folder (dot segments, encoded
 * separators, NUL) or that asks for another host is refused.
 */
export function resolveAppAsset(requestUrl: string, rendererDir: string): AppAsset {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 404, reason: `only ${APP_ORIGIN} is served` };
  }
  const rawPath = url.pathname;
  if (/%2f|%5c|%00|%2e/i.test(rawPath) || rawPath.includes('\\')) {
    return { ok: false, status: 400, reason: 'encoded separators and dots are refused' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, status: 400, reason: 'dot segments are refused' };
  }
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) {
    return { ok: false, status: 400, reason: 'path leaves the renderer folder' };
  }
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: 'unknown file type' };
  return { ok: true, file, contentType };
}

export { rendererCsp } from '../renderer-csp.js';

/**
 * True for `app://desk/…` exactly. (Node's URL gives custom schemes an opaque
 * `null` origin, so scheme and host are compared instead of `url.origin`.)
 */
export function isAppUrl(rawUrl: string | null | undefined): boolean {
  if (!rawUrl) return false;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
