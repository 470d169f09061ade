import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { handleAgentRequest, handleAgentUpgrade } from './agent-host.js';
import type { RequestContext } from './context.js';
import { handleDeskRequest } from './desk-host.js';
import { refuseUpgrade, sendMisdirected, sendPlain } from './error-pages.js';
import { hasDuplicateHost } from './host-router.js';
import { connectionProblem, pathProblem } from './request-policy.js';
import { handleStorageProbe } from './storage-probe.js';
import { handleWidgetRequest, handleWidgetUpgrade } from './widgets/widget-host-handler.js';

/** Connections whose framing was refused: requests already parsed behind the refused one are dropped. */
const untrusted = new WeakSet<object>();

/**
 * The gateway's first steps for every request, whatever the host: one Host
 * header, a host that is ours (one Map.get for an agent), a path the policy
 * lets through; then the host kind's own handler — desk, agent, widget or
 * the storage probe, peers standing on the shared layer.
 */
export function handleRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
  if (untrusted.has(req.socket)) {
    // Pipelined behind a request refused for its framing: what follows it cannot be trusted.
    req.socket.destroy();
    return;
  }
  if (hasDuplicateHost(req.rawHeaders)) {
    sendPlain(res, 400, 'Bad request: more than one Host header.', { connection: 'close' });
    return;
  }
  const route = ctx.routeHost(req.headers.host);
  if (route.kind === 'refused') {
    sendMisdirected(res);
    return;
  }
  const problem = pathProblem(req.url ?? '') ?? connectionProblem(req.headers.connection, false);
  if (problem !== undefined) {
    // The body may be another request in disguise: nothing more is read from this connection.
    untrusted.add(req.socket);
    sendPlain(res, 400, `Bad request: ${problem}.`, { connection: 'close' });
    return;
  }
  if (req.method === 'TRACE' || req.method === 'TRACK') {
    // A server that implements TRACE echoes the request back, bearer included.
    sendPlain(res, 405, 'Method not allowed: the Agent Desk gateway does not forward TRACE.', { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' });
    return;
  }
  switch (route.kind) {
    case 'agent':
      return handleAgentRequest(ctx, req, res, route.agent, expectsContinue);
    case 'widget':
      return handleWidgetRequest(ctx, req, res, route.label, expectsContinue);
    case 'desk':
      return handleDeskRequest(ctx, req, res, expectsContinue);
    case 'storage-probe':
      return handleStorageProbe(req, res, ctx.deskOrigin);
  }
}

/** The same first steps for a WebSocket upgrade; only agent and widget hosts take one. */
export function handleUpgrade(ctx: RequestContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const raw = socket as Socket;
  if (hasDuplicateHost(req.rawHeaders)) return refuseUpgrade(raw, 400, 'Bad Request', 'more than one Host header');
  const route = ctx.routeHost(req.headers.host);
  if (route.kind === 'refused') return refuseUpgrade(raw, 421, 'Misdirected Request', 'Misdirected request: this is the Agent Desk gateway.');
  if (route.kind === 'desk' || route.kind === 'storage-probe') return refuseUpgrade(raw, 404, 'Not Found', 'no WebSocket here');
  const problem = pathProblem(req.url) ?? connectionProblem(req.headers.connection, true) ?? upgradeBodyProblem(req);
  if (problem !== undefined) return refuseUpgrade(raw, 400, 'Bad Request', problem);
  if (route.kind === 'widget') return handleWidgetUpgrade(ctx, req, socket, head, route.label);
  return handleAgentUpgrade(ctx, req, socket, head, route.agent);
}

/** A WebSocket handshake has no body; one that declares a body is refused rather than left to hang until the 504. */
function upgradeBodyProblem(req: IncomingMessage): string | undefined {
  if (req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined) return 'a WebSocket handshake may not carry a body';
  return undefined;
}
