import { describe, expect, it } from 'vitest';
import { parseWrk } from '../../../bench/load.js';
import { assertNoSecrets, figure, markdown, textTable, type BenchReport } from '../../../bench/report.js';
import { rawRequest } from '../../../bench/support/raw-http.js';
import { distribution, median, percentile } from '../../../bench/support/stats.js';

const WRK_OUTPUT = `Running 5s test @ http://127.0.0.1:40000/chat/ping
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    1.10ms  20.00ms   80.00%
    Req/Sec    20.00k     1.00k   22.00k    70.00%
  99500 requests in 5.00s, 14.00MB read
  Non-2xx or 3xx responses: 3
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:  19900.12
Transfer/sec:      2.80MB
`;

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of sorted samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('refuses an empty sample set with a clear error', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
  });

  it('summarises a distribution whatever the input order', () => {
    expect(distribution([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, max: 4, mean: 2.5 });
  });
});

describe('wrk output', () => {
  it('reads requests/s, the request count and counts every failed response', () => {
    expect(parseWrk(WRK_OUTPUT)).toEqual({ requestsPerSec: 19900.12, requests: 99500, bad: 6 });
  });

  it('reports a clean run as zero bad responses', () => {
    const clean = WRK_OUTPUT.replace(/ {2}Non-2xx.*\n {2}Socket errors.*\n/, '');
    expect(parseWrk(clean).bad).toBe(0);
  });

  it('says so when wrk printed no summary', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/Requests\/sec/);
  });
});

describe('figures and verdicts', () => {
  it('holds a figure against its budget in both directions', () => {
    expect(figure('latency', 'added p50', 0.15, 'ms', { op: '<=', limit: 0.2 }).verdict).toBe('pass');
    expect(figure('latency', 'added p50', 0.25, 'ms', { op: '<=', limit: 0.2 }).verdict).toBe('MISS');
    expect(figure('throughput', 'gateway / go', 0.9, '×', { op: '>=', limit: 1 }).verdict).toBe('MISS');
    expect(figure('sse', 'RSS', 200, 'MB', { op: '<', limit: 200 }).verdict).toBe('MISS');
    expect(figure('sse', 'sockets', 0, '', { op: '==', limit: 0 }).verdict).toBe('pass');
  });

  it('marks a missing figure as skipped and an unbudgeted one as information', () => {
    expect(figure('throughput', 'gateway / nginx', null, '×', { op: '>=', limit: 0.5 }, 'not installed — ratio skipped').verdict).toBe('skipped');
    expect(figure('throughput', 'direct', 1000, 'req/s').verdict).toBe('info');
  });

  it('prints misses plainly in the table and the markdown', () => {
    const figures = [figure('latency', 'added p50', 0.3, 'ms', { op: '<=', limit: 0.2 }), figure('footprint', 'bundle', 80, 'KB', { op: '<=', limit: 150 })];
    const report: BenchReport = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'test cpu', memoryGb: 1, platform: 'linux x64', kernel: '6', node: 'v20' },
      load: { before: [0.5, 0.5, 0.5], after: [0.6, 0.5, 0.5] },
      tools: { wrk: 'wrk 4.1.0' },
      figures,
      details: {},
    };
    expect(textTable(figures)).toMatch(/added p50\s+0\.300 ms\s+<= 0\.2 ms\s+MISS/);
    const md = markdown(report);
    expect(md).toContain('| latency | added p50 | 0.300 ms | <= 0.2 ms | **MISS** |');
    expect(md).toContain('- latency / added p50: 0.300 ms (budget <= 0.2 ms)');
  });
});

describe('secret canary', () => {
  const token = 'c0ffee'.repeat(8);

  it('refuses a report holding a secret, without repeating the secret', () => {
    let message = '';
    try {
      assertNoSecrets(`{"note":"Bearer ${token}"}`, [token]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/secret value appeared/);
    expect(message).not.toContain(token);
  });

  it('lets a clean report through', () => {
    expect(() => assertNoSecrets('{"figures":[]}', [token])).not.toThrow();
  });
});

describe('raw requests', () => {
  it('writes one HTTP/1.1 request with the given headers and a length for POST bodies', () => {
    const text = rawRequest('POST', '/chat/v1/responses', { host: 'a-x-aaaaaa.localhost:1' }, '{}').toString();
    expect(text).toBe('POST /chat/v1/responses HTTP/1.1\r\nhost: a-x-aaaaaa.localhost:1\r\ncontent-length: 2\r\n\r\n{}');
    expect(rawRequest('GET', '/', { host: 'h' }).toString()).toBe('GET / HTTP/1.1\r\nhost: h\r\n\r\n');
  });
});
