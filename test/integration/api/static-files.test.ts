import { existsSync, promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaticFiles } from '../../../main/core/api/index.js';
import { rendererCsp } from '../../../main/core/renderer-csp.js';
import { tempDir, type TempDir } from '../../helpers/wait-for.js';

const BUILT_INDEX = path.resolve(import.meta.dirname, '..', '..', '..', 'dist', 'renderer', 'index.html');

let dir: TempDir;
let server: http.Server;
let port: number;

/** Raw request so paths reach the server exactly as written (no client-side normalisation). */
function get(pathname: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

beforeEach(async () => {
  dir = await tempDir('agent-desk-static-');
  await fs.mkdir(path.join(dir.path, 'ui', 'assets'), { recursive: true });
  await fs.writeFile(path.join(dir.path, 'ui', 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  await fs.writeFile(path.join(dir.path, 'ui', 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(path.join(dir.path, 'secret.txt'), 'outside the UI folder');
  const files = new StaticFiles(path.join(dir.path, 'ui'), () => port);
  server = http.createServer((req, res) => void files.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await dir.remove();
});

describe('desk UI files', () => {
  it('serves index.html with the renderer CSP and immutable assets', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(rendererCsp(port));
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const asset = await get('/assets/app.js');
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });

  it('keeps handles on its own popups (agent tabs) but not on whoever opens it; pages are revalidated', async () => {
    await fs.mkdir(path.join(dir.path, 'ui', 'help'));
    await fs.writeFile(path.join(dir.path, 'ui', 'help', 'framed-storage.html'), '<!doctype html><h1>help</h1>');
    const index = await get('/');
    expect(index.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    expect(index.headers['cache-control']).toBe('no-cache');
    const help = await get('/help/framed-storage.html');
    expect(help.body).toContain('<h1>help</h1>');
    expect(help.headers['cache-control']).toBe('no-cache');
  });

  it('answers unknown paths with index.html (SPA) and never a file outside its folder', async () => {
    expect((await get('/agents/a-x-abcdef')).body).toContain('<!doctype html>');
    for (const escape of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt']) {
      expect((await get(escape)).body).not.toContain('outside the UI folder');
    }
  });

  it('refuses writes', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('says how to build the UI when it is missing', async () => {
    await fs.rm(path.join(dir.path, 'ui'), { recursive: true });
    const reply = await get('/');
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('npm run build');
  });

  const built = existsSync(BUILT_INDEX);
  if (!built) console.log('skipped: the built UI check needs `npm run build:renderer` first (npm test builds it)');
  it.skipIf(!built)('the built index.html has no inline script, so the CSP needs no unsafe-inline', () => {
    const html = readFileSync(BUILT_INDEX, 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc=/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
