import { escapeHtml } from './page-html.js';
import { START_PATH } from './paths.js';

/**
 * The words of the pages an agent host answers with itself, as pure
 * functions (error-pages.ts sends them). One voice with the desk's own views
 * (renderer logic/agent-status.ts): what is wrong, what to do, what happens
 * next — and only actions that exist where the page is shown. An agent page
 * lives in the desk's frame where the browser lets framed pages keep storage
 * (the desk's Reload sits beside the agent's name), else in a tab of its own
 * (no Reload there: choosing the agent again in the desk opens it afresh).
 */
export interface AgentPageText {
  title: string;
  body: string;
  /** The same words in one line, for an agent UI's own requests (JSON). */
  message: string;
}

export interface OfflineInfo {
  name: string;
  /**
   * Workspace state and health status (e.g. "ready, online"). Only whether
   * the workspace is ready is used: health lags the failure that led here,
   * so the page never prints it (it would contradict what the user sees).
   */
  state: string;
  /** What went wrong, without addresses or secrets (e.g. "connection refused"). */
  problem: string;
  /** The desk can start it: the page offers a Start button (a same-origin POST, agent-start.ts). */
  startable?: boolean;
  /** The desk can restart it (its directory card has Restart and Logs). */
  restartable?: boolean;
  /** A start is under way (lifecycle's transition, not lagging health). */
  starting?: boolean;
}

/**
 * Which page an upstream failure gets. A 504 is its own state: something
 * took the connection (or sits on the port) but did not answer in time, so
 * Start would not help; offline is for nothing answering at all.
 */
export type DownState = 'not-ready' | 'starting' | 'not-answering' | 'offline';

export function downState(status: 502 | 503 | 504, info: OfflineInfo): DownState {
  if (!info.state.startsWith('ready')) return 'not-ready';
  if (info.starting === true) return 'starting';
  return status === 504 ? 'not-answering' : 'offline';
}

/** The Start button: a plain form, so the page needs no script; the POST carries the page's own Origin. */
function startForm(name: string): string {
  return `<form method="post" action="${START_PATH}"><button type="submit">Start ${name}</button></form>`;
}

const TITLE: Record<DownState, string> = {
  'not-ready': 'is not ready',
  starting: 'is starting',
  'not-answering': 'is not answering',
  offline: 'is offline',
};

/** The offline, not-answering, starting and not-ready pages; the message is the title with the problem. */
export function upstreamDownText(status: 502 | 503 | 504, info: OfflineInfo): AgentPageText & { state: DownState } {
  const state = downState(status, info);
  const title = `${info.name} ${TITLE[state]}`;
  const name = escapeHtml(info.name);
  const problem = escapeHtml(info.problem);
  return { state, title, body: downBody(state, name, problem, info), message: `${title} (${info.problem}).` };
}

function downBody(state: DownState, name: string, problem: string, info: OfflineInfo): string {
  switch (state) {
    case 'not-ready':
      return (
        `<p><strong>${name}</strong> cannot be served: ${problem}.</p>` +
        '<p>Fix its workspace (the <code>.env</code> file); Agent Desk’s directory shows what is wrong and updates by itself. <a href="">Try again</a> once it is fixed.</p>'
      );
    case 'starting':
      return (
        `<p>Agent Desk is starting <strong>${name}</strong>; its progress and log are in the desk.</p>` +
        '<p>In Agent Desk its page comes back by itself as soon as it answers; elsewhere, <a href="">try again</a> in a moment.</p>'
      );
    case 'not-answering':
      return (
        `<p><strong>${name}</strong> did not answer in time (${problem}): it may be busy with something long, or stuck.</p>` +
        '<p><a href="">Try again</a> in a moment. If it stays this way, look at its log and restart it' +
        (info.restartable ? ': in Agent Desk, the agent’s card in the directory has Logs and Restart.</p>' : ` (for example <code>term-llm contain restart ${name}</code>).</p>`)
      );
    case 'offline':
      return info.startable
        ? `<p>Nothing answers for <strong>${name}</strong> right now (${problem}).</p>${startForm(name)}` +
            '<p>Agent Desk runs its start command and shows the progress. In Agent Desk its page comes back by itself as soon as it answers; elsewhere, <a href="">try again</a> once it runs.</p>'
        : `<p>Nothing answers for <strong>${name}</strong> right now (${problem}).</p>` +
            `<p>Start the agent (for example <code>term-llm contain start ${name}</code>). In Agent Desk its page comes back by itself as soon as it answers; elsewhere, <a href="">try again</a> once it runs.</p>`;
  }
}

/** The way back to a working page, true in both placements (see the top of this file). */
function reopen(reload: string): string {
  return `Open the agent again from Agent Desk: in the desk, press ${reload} beside the agent’s name; if the agent has a tab of its own, close that tab, then choose the agent in the desk’s sidebar or directory.`;
}

/** An agent host without its session (the desk's own login has its page in desk-host.ts). */
export function noSessionText(): AgentPageText {
  const why = 'This page has no session: Agent Desk was restarted, the agent’s token changed, or the page was opened outside Agent Desk.';
  return {
    title: 'Not signed in',
    body: `<p>${why}</p><p>${reopen('<strong>Reload</strong>')} It gets a fresh session.</p>`,
    message: `${why} ${reopen('Reload')}`,
  };
}

/** A spent, expired or foreign link that opens an agent (a desk login link has its own words: the terminal). */
export function expiredAgentLinkText(): AgentPageText {
  const why = 'This link has expired or was already used: a link that opens an agent works once, within a minute.';
  return {
    title: 'This link has expired',
    body: `<p>${why}</p><p>${reopen('<strong>Reload</strong>')} It opens the page with a fresh link.</p>`,
    message: `${why} ${reopen('Reload')}`,
  };
}
