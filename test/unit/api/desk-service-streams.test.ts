import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../../preload/contract.js';
import type { DeskService } from '../../../main/core/api/index.js';
import type { DeskError } from '../../../main/core/api/index.js';
import { staticDeskService } from '../../fixtures/static-desk-service.js';

const services: DeskService[] = [];

afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

function setup() {
  const { agents, service } = staticDeskService('browser');
  services.push(service);
  return { agents, service };
}

function recorder() {
  const chunks: AgentRecord[] = [];
  const ends: Array<DeskError | undefined> = [];
  return { chunks, ends, sink: { chunk: (record: unknown) => chunks.push(record as AgentRecord), end: (error?: DeskError) => ends.push(error) } };
}

describe('DeskService streams (agents:watch)', () => {
  it('sends the record at once, then each change, and ends once when the agent goes', () => {
    const { agents, service } = setup();
    const alpha = agents.add({ name: 'alpha', port: 9, token: 'x'.repeat(48) });
    const { chunks, ends, sink } = recorder();
    service.stream('agents:watch', { id: alpha.record.id }, sink);
    expect(chunks.map((record) => record.state)).toEqual(['ready']);

    agents.add({ name: 'bravo' });
    agents.update(alpha.record.id, { port: 10 });
    expect(chunks).toHaveLength(2);
    agents.remove(alpha.record.id);
    expect(ends).toEqual([undefined]);
    expect(service.openStreamCount).toBe(0);

    agents.add({ name: 'alpha', port: 9, token: 'x'.repeat(48) });
    expect(chunks).toHaveLength(2);
    expect(ends).toHaveLength(1);
  });

  it('refuses a bad payload or an unknown agent before anything is sent', () => {
    const { service } = setup();
    const { chunks, ends, sink } = recorder();
    expect(() => service.stream('agents:watch', { id: '../etc' }, sink)).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => service.stream('agents:watch', 'alpha', sink)).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => service.stream('agents:watch', { id: 'a-nobody-aaaaaa' }, sink)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => service.stream('agents:tail' as 'agents:watch', { id: 'a' }, sink)).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect({ chunks, ends, open: service.openStreamCount }).toEqual({ chunks: [], ends: [], open: 0 });
  });

  it('stops the work when the caller closes the stream, without an end', () => {
    const { agents, service } = setup();
    const alpha = agents.add({ name: 'alpha', port: 9, token: 'x'.repeat(48) });
    const { chunks, ends, sink } = recorder();
    const close = service.stream('agents:watch', { id: alpha.record.id }, sink);
    expect(service.openStreamCount).toBe(1);
    close();
    close();
    agents.update(alpha.record.id, { port: 10 });
    expect({ chunks: chunks.length, ends, open: service.openStreamCount }).toEqual({ chunks: 1, ends: [], open: 0 });
  });

  it('ends every open stream when the service closes', () => {
    const { agents, service } = setup();
    const alpha = agents.add({ name: 'alpha', port: 9, token: 'x'.repeat(48) });
    const first = recorder();
    const second = recorder();
    service.stream('agents:watch', { id: alpha.record.id }, first.sink);
    service.stream('agents:watch', { id: alpha.record.id }, second.sink);
    service.close();
    expect([first.ends, second.ends, service.openStreamCount]).toEqual([[undefined], [undefined], 0]);
    agents.update(alpha.record.id, { port: 10 });
    expect([first.chunks.length, second.chunks.length]).toEqual([1, 1]);
  });
});
