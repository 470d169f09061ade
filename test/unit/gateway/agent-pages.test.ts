import { describe, expect, it } from 'vitest';
import { downState, expiredAgentLinkText, noSessionText, upstreamDownText, type OfflineInfo } from '../../../main/core/gateway/agent-pages.js';

const ready: OfflineInfo = { name: 'bob', state: 'ready, online', problem: 'connection refused' };

describe('downState: which page an upstream failure gets', () => {
  it('not ready wins, then a start under way, then a timeout (504) is "not answering", everything else offline', () => {
    expect(downState(503, { ...ready, state: 'invalid' })).toBe('not-ready');
    expect(downState(504, { ...ready, starting: true })).toBe('starting');
    expect(downState(504, ready)).toBe('not-answering');
    expect(downState(502, ready)).toBe('offline');
    expect(downState(503, { ...ready, state: 'ready, offline' })).toBe('offline');
  });
});

describe('upstreamDownText', () => {
  const timedOut = { ...ready, problem: 'no response within 30 s' };

  it('504: says the agent did not answer in time, offers waiting and a restart, never Start or "nothing answers"', () => {
    for (const info of [timedOut, { ...timedOut, startable: true }, { ...timedOut, startable: true, restartable: true }]) {
      const text = upstreamDownText(504, info);
      expect(text.title).toBe('bob is not answering');
      expect(text.body).toContain('did not answer in time (no response within 30 s)');
      expect(text.body).toContain('<a href="">Try again</a> in a moment');
      expect(text.body).not.toMatch(/Nothing answers|contain start|<form|Start bob/);
      expect(text.message).toBe('bob is not answering (no response within 30 s).');
    }
  });

  it('504: points to the desk’s Restart and Logs only where the desk can restart the agent, else to the command', () => {
    const managed = upstreamDownText(504, { ...timedOut, startable: true, restartable: true }).body;
    expect(managed).toContain('card in the directory has Logs and Restart');
    expect(managed).not.toContain('term-llm contain restart');
    const unmanaged = upstreamDownText(504, timedOut).body;
    expect(unmanaged).toContain('<code>term-llm contain restart bob</code>');
    expect(unmanaged).not.toContain('Restart.');
  });

  it('refused (502/503): the offline page with Start where the desk can start it, else the start command', () => {
    const startable = upstreamDownText(502, { ...ready, startable: true });
    expect(startable.title).toBe('bob is offline');
    expect(startable.body).toContain('<form method="post" action="/__desk/start"><button type="submit">Start bob</button></form>');
    const manual = upstreamDownText(502, ready);
    expect(manual.body).toContain('Nothing answers for <strong>bob</strong> right now (connection refused)');
    expect(manual.body).toContain('term-llm contain start bob');
    expect(manual.message).toBe('bob is offline (connection refused).');
  });

  it('the JSON message is the page’s title with the problem, for every state', () => {
    expect(upstreamDownText(503, { ...ready, state: 'not-provisioned', problem: 'no WEB_TOKEN' }).message).toBe('bob is not ready (no WEB_TOKEN).');
    expect(upstreamDownText(503, { ...ready, starting: true }).message).toBe('bob is starting (connection refused).');
  });

  it('escapes the name and the problem', () => {
    const text = upstreamDownText(504, { ...ready, name: '<b>&', problem: '<i>' });
    expect(text.body).not.toMatch(/<b>|<i>/);
    expect(text.body).toContain('&#60;b&#62;&#38;');
  });
});

describe('pages without a session or with a spent link', () => {
  for (const [what, text] of [
    ['no session', noSessionText()],
    ['spent agent link', expiredAgentLinkText()],
  ] as const) {
    it(`${what}: a way back that exists in both placements (Reload in the desk; the sidebar or directory where the agent has its own tab)`, () => {
      expect(text.body).toContain('press <strong>Reload</strong> beside the agent’s name');
      expect(text.body).toContain('close that tab, then choose the agent in the desk’s sidebar or directory');
      // The old words pointed to Reload alone, which a tab of its own does not have.
      expect(text.body).not.toContain('Reload</strong> on the agent in Agent Desk');
      // The JSON words are the page's words, without markup.
      expect(text.message).toContain('press Reload beside the agent’s name; if the agent has a tab of its own, close that tab');
      expect(text.message).not.toMatch(/<|open it again from Agent Desk\./);
    });
  }

  it('no session: says why (restart, a changed token, or opened outside the desk)', () => {
    expect(noSessionText().message).toMatch(/^This page has no session: Agent Desk was restarted, the agent’s token changed, or the page was opened outside Agent Desk\. /);
  });
});
