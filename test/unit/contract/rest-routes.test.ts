import { describe, expect, it } from 'vitest';
import type { InvokeChannel, InvokeRequest } from '../../../preload/contract.js';
import { INVOKE_CHANNELS, STREAM_CHANNELS } from '../../../preload/contract/channels.js';
import { matchRestRoute, REST_ROUTES, restRequestFor, STREAM_ROUTES, streamRequestFor } from '../../../preload/contract/rest-routes.js';

const SAMPLES: { [C in InvokeChannel]: InvokeRequest<C> } = {
  'desk:info': undefined,
  'agents:list': undefined,
  'agents:open': { id: 'a-alpha-abcdef' },
  'widgets:open': { agentId: 'a-alpha-abcdef', mount: 'kanban' },
  'settings:get': undefined,
  'settings:check-root': { path: '~/agents', others: [] },
  'settings:update': { theme: 'dark' },
  'attention:list': undefined,
  'attention:answer': { itemId: 'abc', choice: 1 },
  'attention:seen': { agentId: 'a-alpha-abcdef' },
  'attention:focus': { agentId: null, focused: false },
  'agents:start': { id: 'a-alpha-abcdef' },
  'agents:stop': { id: 'a-alpha-abcdef' },
  'agents:restart': { id: 'a-alpha-abcdef' },
  'agents:cancel': { id: 'a-alpha-abcdef' },
  'agents:logs': { id: 'a-alpha-abcdef' },
  'agents:watch-logs': { id: 'a-alpha-abcdef' },
};

describe('the REST route table', () => {
  it('has one route per invoke channel', () => {
    expect(Object.keys(REST_ROUTES).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('matches what it builds: every channel round-trips through method and path', () => {
    for (const channel of INVOKE_CHANNELS) {
      const request = restRequestFor(channel, SAMPLES[channel]);
      const match = matchRestRoute(request.method, request.path);
      expect(match).toMatchObject({ kind: 'invoke', channel });
      if (match.kind !== 'invoke') continue;
      // Path parameters come back as the request's own fields.
      if (REST_ROUTES[channel].path.includes(':')) expect(match.params).toEqual(SAMPLES[channel]);
      else expect(match.params).toEqual({});
    }
  });

  it('has one route per stream channel, matched as a stream', () => {
    expect(Object.keys(STREAM_ROUTES).sort()).toEqual([...STREAM_CHANNELS].sort());
    const request = streamRequestFor('agents:watch', { id: 'a-alpha-abcdef' });
    expect(request).toEqual({ method: 'GET', path: '/api/agents/a-alpha-abcdef/watch' });
    expect(matchRestRoute(request.method, request.path)).toEqual({ kind: 'stream', channel: 'agents:watch', method: 'GET', params: { id: 'a-alpha-abcdef' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRestRoute('DELETE', '/api/settings')).toEqual({ kind: 'wrong-method' });
    expect(matchRestRoute('GET', '/api/agents/x/open')).toEqual({ kind: 'wrong-method' });
    expect(matchRestRoute('GET', '/api/nothing')).toEqual({ kind: 'none' });
    expect(matchRestRoute('POST', '/api/agents/a/b/open')).toEqual({ kind: 'none' });
  });

  it('escapes path parameters on the way out and passes them on as sent', () => {
    const request = restRequestFor('agents:open', { id: 'a/../b' });
    expect(request.path).toBe('/api/agents/a%2F..%2Fb/open');
    expect(matchRestRoute('POST', request.path)).toMatchObject({ params: { id: 'a%2F..%2Fb' } });
  });
});
