import { describe, expect, it } from 'vitest';
import { cleanString, filterCapabilities, parseHealthz, parseJsonBody, parseSessions, parseWidgets } from '../../../main/core/health/parse.js';

const json = { 'content-type': 'application/json' };

describe('parseJsonBody', () => {
  it('names HTML, empty and invalid bodies', () => {
    expect(parseJsonBody('healthz', { 'content-type': 'text/html' }, Buffer.from('{"status":"ok"}'))).toEqual({ ok: false, error: 'healthz answered HTML, not JSON' });
    expect(parseJsonBody('healthz', json, Buffer.from('  <!doctype html>'))).toEqual({ ok: false, error: 'healthz answered HTML, not JSON' });
    expect(parseJsonBody('healthz', json, Buffer.from(''))).toEqual({ ok: false, error: 'healthz answered an empty body, not JSON' });
    expect(parseJsonBody('healthz', json, Buffer.from('not json{'))).toEqual({ ok: false, error: 'healthz answered invalid JSON' });
    expect(parseJsonBody('healthz', json, Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('parseHealthz', () => {
  it('requires an object with status ok', () => {
    expect(parseHealthz([])).toEqual({ ok: false, error: 'healthz answered JSON that is not an object' });
    expect(parseHealthz({})).toEqual({ ok: false, error: 'healthz answer has no "status": "ok"' });
    expect(parseHealthz({ status: 'down\n' })).toEqual({ ok: false, error: 'healthz reported status "down", not "ok"' });
  });

  it('reads identity, ignoring wrong types; a bare answer has no identity', () => {
    expect(parseHealthz({ status: 'ok' })).toEqual({ ok: true, value: { agent: null, version: null, capabilities: [], hasIdentity: false } });
    expect(parseHealthz({ status: 'ok', agent: 'x', version: 7, capabilities: 'web' })).toEqual({
      ok: true,
      value: { agent: 'x', version: null, capabilities: [], hasIdentity: true },
    });
    expect(parseHealthz({ status: 'ok', capabilities: [] })).toMatchObject({ ok: true, value: { hasIdentity: true } });
  });

  it('cleans and caps strings', () => {
    expect(cleanString('  v1\u0000\u001b[31m ', 100)).toBe('v1  [31m');
    expect(cleanString('x'.repeat(10), 5)).toBe('xxxx…');
    expect(cleanString('   ', 5)).toBeNull();
    expect(cleanString(3, 5)).toBeNull();
  });

  it('keeps only known capabilities, once each', () => {
    expect(filterCapabilities(['voice', 'web', 'voice', 'shell', 1, null, 'jobs', 'api', 'widgets'])).toEqual(['voice', 'web', 'jobs', 'api', 'widgets']);
    expect(filterCapabilities({ web: true })).toEqual([]);
  });
});

describe('parseWidgets', () => {
  it('drops entries with invalid mounts, ids, states, duplicates; keeps optional fields', () => {
    const result = parseWidgets({
      widgets: [
        { id: 'a', mount: 'ok-1', title: 'A', state: 'running', description: 'd', error: '', port: 1 },
        { id: 'b', mount: 'ok-1', title: 'dup', state: 'running' },
        { id: 'c', mount: 'UPPER', title: 'C', state: 'running' },
        { id: 'd', mount: '../x', title: 'D', state: 'running' },
        { id: 'e', mount: 'x'.repeat(65), title: 'E', state: 'running' },
        { id: 'f', mount: 'f', title: 'F', state: 'exploded' },
        { mount: 'g', title: 'G', state: 'stopped' },
        { id: 'h', mount: 'h', state: 'starting' },
        'garbage',
        null,
      ],
      load_errors: ['whatever'],
    });
    expect(result).toEqual({
      ok: true,
      value: [
        { id: 'a', mount: 'ok-1', title: 'A', state: 'running', description: 'd' },
        { id: 'h', mount: 'h', title: 'h', state: 'starting' },
      ],
    });
  });

  it('rejects shapes that are not a widget list', () => {
    expect(parseWidgets('x')).toEqual({ ok: false, error: 'widgets status answered JSON that is not an object' });
    expect(parseWidgets({ widgets: {} })).toEqual({ ok: false, error: 'widgets status has no "widgets" list' });
    expect(parseWidgets({ widgets: null })).toEqual({ ok: true, value: [] });
  });
});

describe('parseSessions', () => {
  it('counts sessions with an id and active runs (true or an object)', () => {
    expect(parseSessions({ sessions: [{ id: 'a', active_run: true }, { id: 'b', active_run: { id: 'r' } }, { id: 'c', active_run: false }, { id: 'd' }, { nope: 1 }, 3] })).toEqual({
      ok: true,
      value: { count: 4, activeRuns: 2 },
    });
  });

  it('rejects shapes that are not a session list', () => {
    expect(parseSessions(null)).toEqual({ ok: false, error: 'sessions status answered JSON that is not an object' });
    expect(parseSessions({ sessions: 'x' })).toEqual({ ok: false, error: 'sessions status has no "sessions" list' });
  });
});
