import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, sendPlain } from './error-pages.js';

/**
 * The framed-storage probe (docs/decisions, "Framed storage probe"): a page on
 * the gateway's reserved `storage-probe` host that the desk frames once at
 * start, exactly like an agent (another site, same sandbox). Its script tries
 * localStorage, IndexedDB and a service-worker lookup, deletes what it wrote,
 * and posts the result to the desk's origin only. The page holds no session
 * and no data; only the desk may frame it; its script is a file (no inline
 * script under its CSP).
 */

export const STORAGE_PROBE_PATH = '/';
export const STORAGE_PROBE_SCRIPT_PATH = '/probe.js';
/** The `type` of the one message the probe posts (renderer/logic/framed-storage.ts reads it). */
export const STORAGE_PROBE_MESSAGE = 'agent-desk:storage-probe';

function probeHtml(deskOrigin: string): string {
  return `<!doctype html><html lang="en" data-desk-origin="${escapeHtml(deskOrigin)}"><head><meta charset="utf-8"><title>Agent Desk storage check</title><script src="${STORAGE_PROBE_SCRIPT_PATH}" defer></script></head><body><p>Agent Desk checks whether framed pages may keep storage in this browser.</p></body></html>`;
}

/**
 * Each check resolves to `true` or a one-line reason. A check that neither
 * works nor fails within 3 s counts as failed: a framed agent would hang the
 * same way.
 */
const PROBE_SCRIPT = `(function () {
  'use strict';
  var deskOrigin = document.documentElement.getAttribute('data-desk-origin');
  if (!deskOrigin || window.parent === window) return;
  var KEY = 'agent-desk-storage-probe';
  function reason(error) {
    return String((error && (error.name + ': ' + error.message)) || error).slice(0, 200);
  }
  function withTimeout(promise) {
    return new Promise(function (resolve) {
      var timer = setTimeout(function () { resolve('no answer within 3 s'); }, 3000);
      promise.then(function (value) { clearTimeout(timer); resolve(value); }, function (error) { clearTimeout(timer); resolve(reason(error)); });
    });
  }
  function tryLocalStorage() {
    return new Promise(function (resolve) {
      var storage = window.localStorage;
      storage.setItem(KEY, '1');
      var read = storage.getItem(KEY);
      storage.removeItem(KEY);
      resolve(read === '1' ? true : 'localStorage did not keep a value');
    });
  }
  function tryIndexedDb() {
    return new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(KEY);
      request.onsuccess = function () {
        request.result.close();
        window.indexedDB.deleteDatabase(KEY);
        resolve(true);
      };
      request.onerror = function () { reject(request.error); };
      request.onblocked = function () { reject(new Error('blocked')); };
    });
  }
  function tryServiceWorker() {
    if (!('serviceWorker' in navigator)) return Promise.resolve('service workers are not available');
    return navigator.serviceWorker.getRegistrations().then(function () { return true; });
  }
  Promise.all([withTimeout(tryLocalStorage()), withTimeout(tryIndexedDb()), withTimeout(tryServiceWorker())]).then(function (results) {
    window.parent.postMessage({
      type: '${STORAGE_PROBE_MESSAGE}',
      localStorage: results[0],
      indexedDB: results[1],
      serviceWorker: results[2]
    }, deskOrigin);
  });
})();
`;

function setProbeHeaders(res: ServerResponse, deskOrigin: string, type: string, length: number): void {
  res.setHeader('content-type', type);
  res.setHeader('content-length', length);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  // Only the desk may frame it; its script is its only code; nothing else loads.
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${deskOrigin}`,
  );
}

/** Answers a request on the probe host: the page, its script, or a plain refusal. */
export function handleStorageProbe(req: IncomingMessage, res: ServerResponse, deskOrigin: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendPlain(res, 405, 'Method not allowed: the storage check page is read-only.', { allow: 'GET, HEAD' });
    return;
  }
  const path = (req.url ?? '/').split('?', 1)[0];
  let body: string;
  let type: string;
  if (path === STORAGE_PROBE_PATH) {
    body = probeHtml(deskOrigin);
    type = 'text/html; charset=utf-8';
  } else if (path === STORAGE_PROBE_SCRIPT_PATH) {
    body = PROBE_SCRIPT;
    type = 'text/javascript; charset=utf-8';
  } else {
    sendPlain(res, 404, 'Not found: this host serves the desk\'s storage check only.');
    return;
  }
  res.statusCode = 200;
  setProbeHeaders(res, deskOrigin, type, Buffer.byteLength(body));
  res.end(req.method === 'HEAD' ? undefined : body);
}
