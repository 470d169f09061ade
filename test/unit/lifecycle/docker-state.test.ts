import { describe, expect, it } from 'vitest';
import {
  containerFor,
  containerState,
  parseLabels,
  parsePsOutput,
  parsePublishedPorts,
  tokenHold,
  type DockerView,
} from '../../../main/core/lifecycle/index.js';

function psLine(fields: Record<string, string>): string {
  return JSON.stringify({ Command: '"term-llm serve"', CreatedAt: '2026-12-06 07:00:00 +0000 UTC', Image: 'term-llm', Mounts: '', Networks: 'bridge', RunningFor: '1 hour', Size: '0B', ...fields });
}

const alpha = psLine({
  ID: 'a1',
  State: 'running',
  Status: 'Up 1 hour',
  Labels: 'com.docker.compose.project=term-llm-contain-alpha,org.term-llm.contain=true,org.term-llm.contain.name=alpha,org.term-llm.contain.config_dir=/r/alpha',
  Ports: '0.0.0.0:8081->8081/tcp, [::]:8081->8081/tcp',
});
const beta = psLine({
  ID: 'b1',
  State: 'exited',
  Status: 'Exited (0) 3 minutes ago',
  Labels: 'org.term-llm.contain=true,org.term-llm.contain.name=beta,org.term-llm.contain.config_dir=/r/with,comma/beta',
  Ports: '',
});

describe('docker ps JSON', () => {
  it('parses labels (a value may hold a comma) and published host ports', () => {
    expect(parseLabels('a=1,b=x,y,c=')).toEqual({ a: '1', b: 'x,y', c: '' });
    expect(parsePublishedPorts('0.0.0.0:8081->8081/tcp, [::]:8081->8081/tcp, 127.0.0.1:9000-9001->80-81/tcp, 5000/tcp')).toEqual([8081, 9000, 9001]);
  });

  it('keeps only term-llm containers and skips garbage lines', () => {
    const other = psLine({ ID: 'z', State: 'running', Labels: 'foo=bar', Ports: '' });
    const rows = parsePsOutput([alpha, 'not json', '', other, beta, '{"ID":""}'].join('\n'));
    expect(rows.map((row) => [row.id, row.state, row.publishedPorts])).toEqual([
      ['a1', 'running', [8081]],
      ['b1', 'exited', []],
    ]);
    expect(rows[1]!.labels['org.term-llm.contain.config_dir']).toBe('/r/with,comma/beta');
  });

  it('matches by config_dir (two roots may hold the same name), by name only without it; running wins', () => {
    const rows = parsePsOutput([alpha, beta].join('\n'));
    expect(containerFor(rows, { name: 'alpha', dir: '/r/alpha' })?.id).toBe('a1');
    expect(containerFor(rows, { name: 'alpha', dir: '/other/alpha' })).toBeUndefined();
    const unlabelled = parsePsOutput(
      [psLine({ ID: 'old', State: 'exited', Labels: 'org.term-llm.contain=true,org.term-llm.contain.name=gamma', Ports: '' }),
        psLine({ ID: 'new', State: 'running', Labels: 'org.term-llm.contain=true,org.term-llm.contain.name=gamma', Ports: '' })].join('\n'),
    );
    expect(containerFor(unlabelled, { name: 'gamma', dir: '/any/gamma' })?.id).toBe('new');
  });
});

describe('tokenHold: no token to a squatter', () => {
  const rows = parsePsOutput([alpha, beta].join('\n'));
  const known: DockerView = { known: true, containers: rows };
  const unknown: DockerView = { known: false, reason: 'docker was not found on PATH' };

  it('holds the token while the container is not running, or publishes another port', () => {
    expect(tokenHold(known, rows[0], 'term-llm', 8081)).toBeUndefined();
    expect(tokenHold(known, rows[0], 'term-llm', 8082)).toMatch(/publishes 8081, not WEB_PORT 8082/);
    expect(tokenHold(known, rows[1], 'compose', 8090)).toMatch(/container is exited/);
    expect(tokenHold(known, undefined, 'term-llm', 8081)).toMatch(/no container/);
  });

  it('has no opinion where Docker is unknown, or for a custom/none workspace Docker does not know', () => {
    expect(tokenHold(unknown, undefined, 'term-llm', 8081)).toBeUndefined();
    expect(tokenHold(known, undefined, 'custom', 8081)).toBeUndefined();
    expect(tokenHold(known, undefined, 'none', 8081)).toBeUndefined();
    // …but a labelled container it does know still counts for them.
    expect(tokenHold(known, rows[1], 'none', 8090)).toMatch(/exited/);
  });

  it('container state: running / stopped / missing / unknown', () => {
    expect(containerState(known, rows[0])).toBe('running');
    expect(containerState(known, rows[1])).toBe('stopped');
    expect(containerState(known, undefined)).toBe('missing');
    expect(containerState(unknown, rows[0])).toBe('unknown');
  });
});
