import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, rendererCsp, resolveAppAsset } from '../../../main/core/shell/app-url.js';

const root = path.resolve('/opt/agent-desk/dist/renderer');

describe('resolveAppAsset', () => {
  it('maps app://desk paths onto files under the renderer folder', () => {
    expect(resolveAppAsset(APP_INDEX_URL, root)).toEqual({ ok: true, file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppAsset('app://desk/', root)).toMatchObject({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppAsset('app://desk/assets/index-abc.js?x=1', root)).toMatchObject({ ok: true, file: path.join(root, 'assets', 'index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
  });

  it('refuses anything that could leave the folder', () => {
    // The URL parser itself folds plain dot segments back inside the root.
    expect(resolveAppAsset('app://desk/../../secret.html', root)).toMatchObject({ ok: true, file: path.join(root, 'secret.html') });
    for (const url of ['app://desk/a%2fb.js', 'app://desk/a%5cb.js', 'app://desk/a%00.js', 'app://desk/a%2f..%2f..%2fetc%2fpasswd.html']) {
      const result = resolveAppAsset(url, root);
      expect(result.ok, url).toBe(false);
    }
  });

  it('serves only the desk host and known file types', () => {
    expect(resolveAppAsset('app://evil/index.html', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppAsset('http://desk/index.html', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppAsset('app://desk/run.sh', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppAsset('not a url', root)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('isAppUrl', () => {
  it('accepts app://desk only', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk/')).toBe(true);
    for (const url of ['app://desk.evil/index.html', 'app://desk:81/', 'app://user@desk/', 'file:///index.html', 'http://desk.localhost:47800/', 'about:blank', '', null, undefined]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});

describe('rendererCsp', () => {
  it('allows only the bundle itself and frames on the gateway port', () => {
    const csp = rendererCsp(47800);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain('frame-src http://*.localhost:47800');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
