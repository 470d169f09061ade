import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskService } from '../../main/core/api/index.js';
import { DeskHttpApi } from '../../main/core/api/index.js';
import type { AgentRecord, DeskErrorBody } from '../../preload/contract.js';
import { HttpDeskApi } from '../../renderer/api/http-desk-api.js';
import { staticDeskService } from '../fixtures/static-desk-service.js';
import type { StaticAgentSource } from '../fixtures/static-agent-source.js';
import { waitFor } from '../helpers/wait-for.js';

const TOKEN = 'canary-stream-token-5d1e'.padEnd(48, 'x');

let server: http.Server;
let agents: StaticAgentSource;
let service: DeskService;
let api: DeskHttpApi;
let client: HttpDeskApi;
let base: string;

beforeEach(async () => {
  ({ agents, service } = staticDeskService('browser'));
  api = new DeskHttpApi(service);
  server = http.createServer((req, res) => void api.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new HttpDeskApi({ baseUrl: base });
});

afterEach(async () => {
  client.close();
  api.close();
  service.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function watch(id: string) {
  const chunks: AgentRecord[] = [];
  const ends: Array<DeskErrorBody['error'] | undefined> = [];
  const close = client.stream('agents:watch', { id }, { chunk: (record) => chunks.push(record), end: (error) => ends.push(error) });
  return { chunks, ends, close };
}

describe('contract streams over HTTP (renderer transport ↔ desk API)', () => {
  it('streams the record and its changes, then ends when the agent goes, with no token on the wire', async () => {
    const alpha = agents.add({ name: 'alpha', port: 9, token: TOKEN });
    const stream = watch(alpha.record.id);
    await waitFor(() => stream.chunks.length === 1, { message: 'first chunk' });
    expect(stream.chunks[0]).toMatchObject({ id: alpha.record.id, name: 'alpha', state: 'ready' });

    agents.update(alpha.record.id, { port: 10 });
    await waitFor(() => stream.chunks.length === 2, { message: 'chunk after a change' });
    agents.remove(alpha.record.id);
    await waitFor(() => stream.ends.length === 1, { message: 'end after removal' });
    expect(stream.ends).toEqual([undefined]);
    expect(JSON.stringify(stream.chunks)).not.toContain('canary-stream-token');
    expect(service.openStreamCount).toBe(0);
  });

  it('ends with the desk error when the stream is refused', async () => {
    const unknown = watch('a-nobody-aaaaaa');
    const invalid = watch('Not An Id');
    await waitFor(() => unknown.ends.length === 1 && invalid.ends.length === 1, { message: 'refusals' });
    expect(unknown.ends[0]).toEqual({ code: 'not-found', message: 'no agent with id "a-nobody-aaaaaa"' });
    expect(invalid.ends[0]).toEqual({ code: 'bad-request', message: 'invalid agent id' });
    expect([unknown.chunks, invalid.chunks]).toEqual([[], []]);
  });

  it('closing the stream in the UI stops the work on the desk', async () => {
    const alpha = agents.add({ name: 'alpha', port: 9, token: TOKEN });
    const stream = watch(alpha.record.id);
    await waitFor(() => stream.chunks.length === 1 && service.openStreamCount === 1, { message: 'open stream' });
    stream.close();
    await waitFor(() => service.openStreamCount === 0, { message: 'desk stopped the stream' });
    agents.update(alpha.record.id, { port: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect({ chunks: stream.chunks.length, ends: stream.ends }).toEqual({ chunks: 1, ends: [] });
  });

  it('a desk that shuts down ends the stream', async () => {
    const alpha = agents.add({ name: 'alpha', port: 9, token: TOKEN });
    const stream = watch(alpha.record.id);
    await waitFor(() => stream.chunks.length === 1, { message: 'open stream' });
    service.close();
    await waitFor(() => stream.ends.length === 1, { message: 'end at shutdown' });
    expect(stream.ends).toEqual([undefined]);
  });
});
