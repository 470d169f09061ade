import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoutableAgent } from '../agents/agent-source.js';
import type { RequestContext } from './context.js';
import { escapeHtml, sendPage, sendPlain } from './error-pages.js';
import { agentHome } from './paths.js';

/**
 * `POST /__desk/start` on an agent host: the offline page's Start button
 * (ADR 0022). The caller has checked the request policy (an unsafe method
 * with another Origin is refused) and the agent session; here the Origin
 * must also be present and be this very host, so only a document of the
 * agent's own origin can press it. The worst such a document can do is ask
 * its own agent to start. Start only: stop and restart stay in the desk.
 */
export function handleAgentStart(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, agent: RoutableAgent): void {
  req.resume(); // an empty form body; never read
  const frame = ctx.frameAncestors;
  if (req.method !== 'POST') {
    sendPlain(res, 405, 'Use the Start button on the agent’s offline page.', { allow: 'POST' });
    return;
  }
  if (req.headers.origin !== `http://${req.headers.host}`) {
    sendPage(res, 403, 'Start this agent from Agent Desk', '<p>Only the agent’s own page can ask for a start. Use Start in Agent Desk.</p>', frame);
    return;
  }
  const name = agent.record.name;
  if (!ctx.lifecycle?.canStart(agent.record.id)) {
    sendPage(res, 409, `${name} cannot be started here`, '<p>Its root has no start command. Choose a runtime for it in Agent Desk’s Settings.</p>', frame);
    return;
  }
  const refused = ctx.lifecycle.start(agent.record.id);
  if (refused !== undefined) {
    sendPage(res, 409, `${name} was not started`, `<p>${escapeHtml(refused)}</p><p><a href="${escapeHtml(agentHome(agent.endpoint?.basePath))}">Back</a></p>`, frame);
    return;
  }
  // See Other: the browser GETs the agent's home, which answers "starting" until the agent does.
  res.writeHead(303, { location: agentHome(agent.endpoint?.basePath), 'cache-control': 'no-store', 'content-length': 0, 'referrer-policy': 'no-referrer' });
  res.end();
}
