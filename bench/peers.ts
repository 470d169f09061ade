import { createRequire } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir, waitFor, type TempDir } from '../test/helpers/wait-for.js';
import { connect } from './support/raw-http.js';
import { findTool, freePort, REPO_ROOT, runCommand, startChild, startProcess, type OwnedProcess } from './support/proc.js';
import type { Upstream } from './support/servers.js';

/** A reference proxy in front of the same upstream, or why it is not there. */
export type Peer =
  | { available: true; name: string; version: string; port: number; pid: number; stop(): Promise<void> }
  | { available: false; name: string; reason: string };

/** Starts a peer and makes sure whatever it started is stopped if anything goes wrong. */
async function guarded(
  name: string,
  start: (tmp: TempDir) => Promise<{ version: string; port: number; proc: OwnedProcess }>,
): Promise<Peer> {
  const tmp = await tempDir(`agent-desk-bench-${name}-`);
  let proc: OwnedProcess | undefined;
  try {
    const started = await start(tmp);
    proc = started.proc;
    const stop = async (): Promise<void> => {
      await started.proc.stop();
      await tmp.remove();
    };
    return { available: true, name, version: started.version, port: started.port, pid: started.proc.pid, stop };
  } catch (error) {
    await proc?.stop();
    await tmp.remove();
    return { available: false, name, reason: `failed to start: ${(error as Error).message}` };
  }
}

/** A bench child proxy (children/<child>.ts) in front of the upstream, reporting its port when ready. */
async function startNodeChildProxy(child: string, name: string, version: string, upstream: Upstream): Promise<Peer> {
  const proc = startChild(child, { env: { BENCH_UPSTREAM_PORT: String(upstream.port), BENCH_UPSTREAM_TOKEN: upstream.token } });
  try {
    const [line] = await proc.waitForOutput(/\{"ready":true,"port":\d+\}/);
    const port = (JSON.parse(line) as { port: number }).port;
    return { available: true, name, version, port, pid: proc.pid, stop: () => proc.stop() };
  } catch (error) {
    await proc.stop();
    return { available: false, name, reason: `failed to start: ${(error as Error).message}` };
  }
}

/** bench/children/bare-proxy.ts: the floor of a node:http proxy, for telling the gateway's own cost from Node's. */
export function startBareNodeProxy(upstream: Upstream): Promise<Peer> {
  return startNodeChildProxy('bare-proxy', 'node-bare', `node ${process.version}`, upstream);
}

/** bench/children/bare-undici-proxy.ts: the floor of a proxy built like the gateway (node:http server, undici Pool upstream). */
export function startBareUndiciProxy(upstream: Upstream): Promise<Peer> {
  const undici = (createRequire(import.meta.url)('undici/package.json') as { version: string }).version;
  return startNodeChildProxy('bare-undici-proxy', 'undici-bare', `node ${process.version}, undici ${undici}`, upstream);
}

/** Go's httputil.ReverseProxy (bench/go-proxy/main.go), built into a temp dir, GOMAXPROCS=1. */
export async function startGoProxy(upstream: Upstream): Promise<Peer> {
  const go = findTool('go');
  if (go === undefined) return { available: false, name: 'go', reason: 'not installed — ratio skipped' };
  return guarded('go', async (tmp) => {
    const binary = path.join(tmp.path, 'go-proxy');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const build = await runCommand(go, ['build', '-o', binary, './main.go'], { cwd: path.join(REPO_ROOT, 'bench', 'go-proxy'), env, timeoutMs: 180_000 });
    if (build.code !== 0) throw new Error(`go build failed: ${build.stderr.slice(0, 300)}`);
    const version = (await runCommand(go, ['version'], { env, timeoutMs: 10_000 })).stdout.trim();
    const proc = startProcess(binary, [], {
      env: { PATH: process.env.PATH, GOMAXPROCS: '1', BENCH_UPSTREAM_PORT: String(upstream.port), BENCH_UPSTREAM_TOKEN: upstream.token },
    });
    const [line] = await proc.waitForOutput(/\{"ready":true,"port":\d+\}/).catch(async (error: unknown) => {
      await proc.stop();
      throw error;
    });
    return { version, port: (JSON.parse(line) as { port: number }).port, proc };
  });
}

/** nginx with one worker and an upstream keep-alive pool, from a config generated in a temp dir. */
export async function startNginx(upstream: Upstream): Promise<Peer> {
  // Debian puts nginx in /usr/sbin, which a non-root PATH may lack.
  const nginx = findTool('nginx', ['/usr/sbin/nginx', '/usr/local/sbin/nginx']);
  if (nginx === undefined) return { available: false, name: 'nginx', reason: 'not installed — ratio skipped' };
  return guarded('nginx', async (tmp) => {
    const port = await freePort();
    for (const dir of ['logs', 'temp']) await mkdir(path.join(tmp.path, dir));
    const config = nginxConfig(tmp.path, port, upstream);
    const configPath = path.join(tmp.path, 'nginx.conf');
    await writeFile(configPath, config, { mode: 0o600 });
    const versionRun = await runCommand(nginx, ['-v'], { timeoutMs: 10_000 });
    const version = (versionRun.stderr || versionRun.stdout).trim();
    const proc = startProcess(nginx, ['-p', tmp.path, '-c', configPath, '-e', path.join(tmp.path, 'logs', 'error.log')], { env: { PATH: process.env.PATH } });
    try {
      const listening = async (): Promise<boolean> => {
        (await connect(port, 1_000)).destroy();
        return true;
      };
      await waitFor(listening, { timeoutMs: 10_000, intervalMs: 50, message: `nginx to listen on ${port}` });
    } catch (error) {
      await proc.stop();
      throw error;
    }
    return { version, port, proc };
  });
}

function nginxConfig(dir: string, port: number, upstream: Upstream): string {
  const temp = path.join(dir, 'temp');
  return `# generated by bench/peers.ts for one bench run
worker_processes 1;
daemon off;
master_process on;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'logs', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  upstream agent {
    server 127.0.0.1:${upstream.port};
    keepalive 256;
  }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 1000000;
    location / {
      proxy_pass http://agent;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Cookie "";
      proxy_set_header Authorization "Bearer ${upstream.token}";
    }
  }
}
`;
}
