import { describe, expect, it } from 'vitest';
import { createHostRouter, hasDuplicateHost, hostLabel } from '../../../main/core/gateway/host-router.js';
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

describe('createHostRouter', () => {
  const agents = new StaticAgentSource();
  const bob = agents.add({ name: 'bob', port: 1234, token: 't' });

  it('routes desk, known agents, widget labels; refuses everything else', () => {
    const routeHost = createHostRouter(PORT, agents);
    expect(routeHost(`desk.localhost:${PORT}`)).toMatchObject({ kind: 'desk' });
    expect(routeHost(`storage-probe.localhost:${PORT}`)).toMatchObject({ kind: 'storage-probe' });
    expect(routeHost(`storage-probe.localhost:${PORT + 1}`)).toMatchObject({ kind: 'refused' });
    const route = routeHost(`${bob.record.label}.localhost:${PORT}`);
    expect(route.kind).toBe('agent');
    expect(route.kind === 'agent' && route.agent).toBe(bob);
    expect(routeHost(`w-${'a'.repeat(26)}.localhost:${PORT}`)).toMatchObject({ kind: 'widget' });
    expect(routeHost(`a-nobody-abcdef.localhost:${PORT}`)).toMatchObject({ kind: 'refused' });
    expect(routeHost(`random.localhost:${PORT}`)).toMatchObject({ kind: 'refused' });
    expect(routeHost('evil.example')).toMatchObject({ kind: 'refused' });
  });

  it('asked the same host again, answers for the agent as it is now: changed, removed', () => {
    const own = new StaticAgentSource();
    const carol = own.add({ name: 'carol', port: 1235, token: 't' });
    const routeHost = createHostRouter(PORT, own);
    const host = `${carol.record.label}.localhost:${PORT}`;
    const first = routeHost(host);
    expect(first.kind === 'agent' && first.agent).toBe(carol);
    const updated = own.update(carol.record.id, { port: 1236 });
    const second = routeHost(host);
    expect(second.kind === 'agent' && second.agent).toBe(updated);
    expect(routeHost(`${carol.record.label}.localhost:${PORT + 1}`)).toMatchObject({ kind: 'refused' });
    expect(routeHost(host).kind).toBe('agent');
    own.remove(carol.record.id);
    expect(routeHost(host)).toMatchObject({ kind: 'refused' });
    expect(routeHost(undefined)).toMatchObject({ kind: 'refused' });
  });

  it('each gateway has its own router: the same host on another port or with other agents is that router\'s answer', () => {
    const own = new StaticAgentSource();
    const dave = own.add({ name: 'dave', port: 1237, token: 't' });
    const host = `${dave.record.label}.localhost:${PORT}`;
    const mine = createHostRouter(PORT, own);
    const other = createHostRouter(PORT + 1, own);
    const stranger = createHostRouter(PORT, agents);
    expect(mine(host).kind).toBe('agent');
    expect(other(host)).toMatchObject({ kind: 'refused' });
    expect(stranger(host)).toMatchObject({ kind: 'refused' });
    expect(mine(host).kind).toBe('agent');
  });
});

describe('hasDuplicateHost', () => {
  it('sees a second Host line in any case', () => {
    expect(hasDuplicateHost(['Host', 'a', 'Accept', '*/*'])).toBe(false);
    expect(hasDuplicateHost(['Host', 'a', 'host', 'b'])).toBe(true);
    expect(hasDuplicateHost(['HOST', 'a', 'Accept', 'x', 'hOsT', 'a'])).toBe(true);
  });
});
