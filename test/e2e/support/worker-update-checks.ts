import type { ReceivedRequest } from '../../fixtures/fake-agent.js';

/**
 * Chromium's update check of a registered service worker: a same-origin GET
 * of the script URL the agent's own page registered, marked
 * `Service-Worker: script`. A navigation into the worker's scope schedules
 * one — also a navigation the gateway refuses, such as another agent's
 * link — so tests that count what reached an agent count these apart: the
 * path is fixed by the agent, nothing in it is chosen by the page that
 * caused it (docs/security.md, issue 9 finding 3).
 */
export function isWorkerUpdateCheck(request: ReceivedRequest, scriptPath: string): boolean {
  const h = request.headers;
  return (
    request.method === 'GET' &&
    request.url === scriptPath &&
    h['service-worker'] === 'script' &&
    h['sec-fetch-dest'] === 'serviceworker' &&
    h['sec-fetch-site'] === 'same-origin'
  );
}

/** What reached an agent, minus its worker's update checks, one line per request for readable failures. */
export function reachedBesidesUpdateChecks(requests: readonly ReceivedRequest[], scriptPath: string): string[] {
  return requests
    .filter((request) => !isWorkerUpdateCheck(request, scriptPath))
    .map((r) => `${r.method} ${r.url} site=${String(r.headers['sec-fetch-site'])} mode=${String(r.headers['sec-fetch-mode'])} dest=${String(r.headers['sec-fetch-dest'])}`);
}
