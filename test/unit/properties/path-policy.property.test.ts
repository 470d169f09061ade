import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathProblem } from '../../../main/core/gateway/request-policy.js';
import { widgetPathDecision, widgetPrefix } from '../../../main/core/gateway/widgets/widget-policy.js';
import { widgetPathSegment } from '../../../main/core/hosts/index.js';

/** Path pieces an attacker would combine: the widget tree, dots, slashes, encodings of each, other mounts. */
const piece = fc.constantFrom(
  'chat', 'widgets', 'app', 'other', 'v1', 'x', '', '.', '..', '%2e', '%2E%2e', '.%2e', '%2f', '%2F', '%5c', '%5C', '\\',
  '%252f', '%25', 'wid%67ets', '%61pp', '%00', '%zz', 'é', '%C3%A9', ';', '~', '%7e', 'app%2f..', '..%2f', ':', '@',
);
const rawPath = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => `/${parts.join('/')}`);
const prefixed = fc.tuple(fc.constantFrom('/chat/widgets/app/', '/chat/widgets/app', '/chat//widgets/app/', '/'), fc.array(piece, { maxLength: 5 }))
  .map(([start, parts]) => start + parts.join('/'));
const target = fc.tuple(fc.oneof(rawPath, prefixed), fc.constantFrom('', '?a=1', '?next=/chat/widgets/other/', '?%2f'))
  .map(([path, query]) => path + query);

/** How an agent that decodes and cleans paths (Go's net/http and ServeMux) reads one. */
function asAgentReads(url: string): string | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined; // Go answers 400 to a path it cannot decode.
  }
  return posix.normalize(decoded.replace(/\\/g, '/'));
}

describe('path policy (property)', () => {
  it('never lets an encoded separator, backslash or dot segment through', () => {
    fc.assert(
      fc.property(target, (url) => {
        if (pathProblem(url) !== undefined) return;
        const path = url.split('?')[0] as string;
        expect(path).not.toMatch(/%2f|%5c|\\/i);
        const decodedSegments = path.split('/').map((segment) => segment.replace(/%2e/gi, '.'));
        expect(decodedSegments).not.toContain('.');
        expect(decodedSegments).not.toContain('..');
      }),
      { numRuns: 5000 },
    );
  });

  it('never sends a widget host a path that an agent would read as outside the widget tree', () => {
    const prefix = widgetPrefix('/chat', 'app');
    fc.assert(
      fc.property(target, fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'DELETE'), (url, method) => {
        if (pathProblem(url) !== undefined) return;
        const decision = widgetPathDecision(method, url, '/chat', 'app');
        if (decision.kind !== 'serve') return;
        const read = asAgentReads(url);
        if (read === undefined) return;
        expect(read === prefix.slice(0, -1) || read.startsWith(prefix)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('an agent host sees a widget path exactly where an agent would, whether it cleans paths like Go or collapses `//` silently', () => {
    fc.assert(
      fc.property(target, (url) => {
        if (pathProblem(url) !== undefined) return;
        const path = url.split('?')[0] as string;
        const ours = widgetPathSegment(path, '/chat') !== undefined;
        const collapsed = widgetPathSegment(path.replace(/\/{2,}/g, '/'), '/chat') !== undefined;
        expect(collapsed, url).toBe(ours);
        const cleaned = asAgentReads(url);
        if (cleaned !== undefined) expect(widgetPathSegment(path.endsWith('/') && !cleaned.endsWith('/') ? `${cleaned}/` : cleaned, '/chat') !== undefined, url).toBe(ours);
      }),
      { numRuns: 5000 },
    );
  });
});
