import { request as httpRequest } from 'node:http';
import type { Desk } from '../../../main/core/desk.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http to 127.0.0.1 with the URL's host as Host; no pooling, no environment proxy. */
export function get(port: number, url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: '127.0.0.1', port, path: target.pathname + target.search, method, headers: { host: target.host, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Redeems a fresh enter link for the agent (taken from the desk, never computed) and returns its session cookie. */
export async function enterAgentCookie(desk: Desk, id: string): Promise<string> {
  const reply = await get(desk.gateway.port, desk.gateway.agentEnterUrl(id));
  const cookie = (reply.headers['set-cookie'] as string[] | undefined)?.[0]?.split(';')[0];
  if (reply.status !== 302 || !cookie) throw new Error(`enter answered ${reply.status}`);
  return cookie;
}

/** A request on the agent's own host, with its session, as the agent's page would send it. */
export function proxiedGet(desk: Desk, id: string, path: string, cookie: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const origin = desk.gateway.origin(desk.registry.list().find((record) => record.id === id)!.label);
  return get(desk.gateway.port, `${origin}${path}`, { cookie, ...headers }, method);
}
