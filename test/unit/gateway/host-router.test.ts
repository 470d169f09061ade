import { describe, expect, it } from 'vitest';
import { hasDuplicateHost, hostLabel, routeHost } from '../../../main/core/gateway/host-router.js';
import { StaticAgentSource } from '../../fixtures/static-agent-source.js';

const PORT = 47800;

describe('hostLabel', () => {
  it('accepts exactly <label>.localhost:<our port>', () => {
    expect(hostLabel('desk.localhost:47800', PORT)).toBe('desk');
    expect(hostLabel('a-bob-abcdef.localhost:47800', PORT)).toBe('a-bob-abcdef');
  });

  it.each([
    ['127.0.0.1:47800'],
    ['localhost:47800'],
    ['[::1]:47800'],
    ['evil.example'],
    ['evil.example:47800'],
    ['desk.localhost'],
    ['desk.localhost:47801'],
    ['desk.localhost:047800'],
    ['desk.localhost.:47800'],
    ['a.b.localhost:47800'],
    ['DESK.localhost:47800'],
    ['user@desk.localhost:47800'],
    ['.localhost:47800'],
    ['-x.localhost:47800'],
    [''],
    [undefined],
  ])('refuses %s', (host) => {
    expect(hostLabel(host, PORT)).toBeUndefined();
  });
});

describe('routeHost', () => {
  const agents = new StaticAgentSource();
  const bob = agents.add({ name: 'bob', port: 1234, token: 't' });

  it('routes desk, known agents, widget labels; refuses everything else', () => {
    expect(routeHost(`desk.localhost:${PORT}`, PORT, agents)).toMatchObject({ kind: 'desk' });
    expect(routeHost(`storage-probe.localhost:${PORT}`, PORT, agents)).toMatchObject({ kind: 'storage-probe' });
    expect(routeHost(`storage-probe.localhost:${PORT + 1}`, PORT, agents)).toMatchObject({ kind: 'refused' });
    const route = routeHost(`${bob.record.label}.localhost:${PORT}`, PORT, agents);
    expect(route.kind).toBe('agent');
    expect(route.kind === 'agent' && route.agent).toBe(bob);
    expect(routeHost(`w-${'a'.repeat(26)}.localhost:${PORT}`, PORT, agents)).toMatchObject({ kind: 'widget' });
    expect(routeHost(`a-nobody-abcdef.localhost:${PORT}`, PORT, agents)).toMatchObject({ kind: 'refused' });
    expect(routeHost(`random.localhost:${PORT}`, PORT, agents)).toMatchObject({ kind: 'refused' });
    expect(routeHost('evil.example', PORT, agents)).toMatchObject({ kind: 'refused' });
  });

  it('asked the same host again, answers for the agent as it is now: changed, removed, another port', () => {
    const own = new StaticAgentSource();
    const carol = own.add({ name: 'carol', port: 1235, token: 't' });
    const host = `${carol.record.label}.localhost:${PORT}`;
    const first = routeHost(host, PORT, own);
    expect(first.kind === 'agent' && first.agent).toBe(carol);
    const updated = own.update(carol.record.id, { port: 1236 });
    const second = routeHost(host, PORT, own);
    expect(second.kind === 'agent' && second.agent).toBe(updated);
    expect(routeHost(host, PORT + 1, own)).toMatchObject({ kind: 'refused' });
    own.remove(carol.record.id);
    expect(routeHost(host, PORT, own)).toMatchObject({ kind: 'refused' });
    // The same label in another source (another gateway in the process) is that source's answer.
    expect(routeHost(host, PORT, agents)).toMatchObject({ kind: 'refused' });
    expect(routeHost(undefined, PORT, own)).toMatchObject({ kind: 'refused' });
  });
});

describe('hasDuplicateHost', () => {
  it('sees a second Host line in any case', () => {
    expect(hasDuplicateHost(['Host', 'a', 'Accept', '*/*'])).toBe(false);
    expect(hasDuplicateHost(['Host', 'a', 'host', 'b'])).toBe(true);
    expect(hasDuplicateHost(['HOST', 'a', 'Accept', 'x', 'hOsT', 'a'])).toBe(true);
  });
});
