import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { rendererCsp } from '../renderer-csp.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Serves the built renderer from `dir`; unknown paths get index.html (SPA). */
export class StaticFiles {
  readonly #dir: string;
  readonly #port: () => number;

  /** `port` is read per response: the gateway knows its port only after listen. */
  constructor(dir: string, port: () => number) {
    this.#dir = path.resolve(dir);
    this.#port = port;
  }

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const file = await this.#resolve(pathname);
    if (!file) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('The Agent Desk UI is not built. Run `npm run build` and reload.\n');
      return;
    }
    const body = await fs.readFile(file);
    // Pages (index.html, the help pages) are revalidated; hashed assets never change.
    const isPage = path.extname(file) === '.html';
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': rendererCsp(this.#port()),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // Not `same-origin`: the desk keeps a handle on the agent tabs it opens
      // (where framed storage is denied) to bring them forward; it cuts their
      // opener first, and any page that opens the desk is still cut off.
      'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
      'Cache-Control': isPage ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async #resolve(pathname: string): Promise<string | undefined> {
    // The gateway already refused dot segments and encoded separators; this is
    // a second fence so no path can leave the directory.
    const candidate = path.resolve(this.#dir, `.${path.posix.normalize(pathname)}`);
    if (candidate.startsWith(this.#dir + path.sep) && (await isFile(candidate))) return candidate;
    const index = path.join(this.#dir, 'index.html');
    return (await isFile(index)) ? index : undefined;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
