import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FakeAgent } from '../../fixtures/fake-agent.js';
import { chromiumMissing } from '../support/browser.js';
import { waitFor } from '../../helpers/wait-for.js';
import { attentionSawRun } from './attention-polls.js';
import { axeViolations } from './axe.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite, type DeskPage } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

/** What the page scripts below touch; the test tsconfig has no DOM lib. */
interface RecordedNotice {
  title: string;
  body: string;
  dispatchEvent(event: unknown): boolean;
}
interface NoticePage {
  __notices: RecordedNotice[];
  Notification: { permission: string };
  Event: new (type: string) => unknown;
  document: { querySelector(selector: string): { dataset: Record<string, string | undefined> } | null };
}

/**
 * Keeps every Notification the desk page creates, so the test can read it and
 * deliver the click the OS would. The notification itself is the browser's own.
 */
function recordNotifications(): void {
  const scope = globalThis as unknown as { Notification: new (title: string, options?: object) => object; __notices: unknown[] };
  const Real = scope.Notification;
  scope.__notices = [];
  class Recording extends Real {
    constructor(title: string, options?: object) {
      super(title, options);
      scope.__notices.push(this);
    }
  }
  scope.Notification = Recording;
}

describe.skipIf(missing)('UI: attention across agents (real Chromium, real desk, fake agents)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite(
    async (harness) => {
      await harness.addAgent('alpha', { token: 'ui-attention-token-canary-alpha-1' });
      await harness.addAgent('beta', { token: 'ui-attention-token-canary-beta-2' });
    },
    { harness: { attentionIntervalsMs: { active: 150, idle: 300 } } },
  );

  const fake = (name: string): FakeAgent => ui.harness.agents.get(name)!.fake;
  const badgeOf = (deskPage: DeskPage, name: string) => deskPage.page.getByTestId(`sidebar-item-${deskPage.agentId(name)}`).getByTestId('attention-badge');
  const titleIs = (page: Page, title: string) => waitFor(async () => (await page.title()) === title, { timeoutMs: UI_TIMEOUT_MS, message: `the title "${title}"` });

  it('an approval counts in the title, the favicon and the badges; answered from the inbox, it reaches the agent with its bearer only', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await titleIs(page, 'Agent Desk');
    fake('alpha').sessions.startRun('s1', 'Refactor parser');
    fake('alpha').sessions.requestApproval('s1', { title: 'rm -rf build' });

    await titleIs(page, '(1) Agent Desk');
    expect(await badgeOf(deskPage, 'alpha').getAttribute('aria-label')).toBe('1 item waits for you');
    expect(await badgeOf(deskPage, 'alpha').textContent()).toBe('1');
    expect(await page.evaluate(() => (globalThis as unknown as NoticePage).document.querySelector('link[rel~="icon"]')?.dataset.attention)).toBe('dot');

    // The inbox, reached by keyboard from the top bar.
    await page.getByRole('button', { name: /^Inbox/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).hash).toBe('#/inbox');
    const approval = page.getByTestId('attention-item-approval');
    await expect(approval.textContent()).resolves.toContain('Refactor parser');
    await approval.getByRole('group', { name: 'Answer: rm -rf build' }).getByRole('button', { name: 'Always allow' }).click();

    const answer = await waitFor(() => fake('alpha').sessions.answers.find((received) => received.kind === 'approval'), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the answer to reach alpha',
    });
    expect(answer.sessionId).toBe('s1');
    expect(answer.body).toEqual({ approval_id: expect.any(String), choice: 1 });
    expect(answer.headers.authorization).toBe('Bearer ui-attention-token-canary-alpha-1');
    // Nothing of the page's own credentials went along.
    expect(answer.headers.cookie).toBeUndefined();
    expect(JSON.stringify(answer.headers)).not.toMatch(/desk-token|x-desk/i);
    expect(fake('alpha').sessions.pendingApprovals('s1')).toEqual([]);

    await titleIs(page, 'Agent Desk');
    await approval.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    fake('alpha').sessions.finishRun('s1');
    await deskPage.expectClean();
  });

  it('a run that finishes while the user looks elsewhere: a dot on that agent, no count in the title', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    await page.getByRole('heading', { name: 'Directory', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    fake('beta').sessions.startRun('s2', 'Weekly report');
    await attentionSawRun(fake('beta'), 's2');
    fake('beta').sessions.finishRun('s2');

    await waitFor(async () => (await badgeOf(deskPage, 'beta').getAttribute('aria-label', { timeout: 200 }).catch(() => null)) === '1 finished run to see', {
      timeoutMs: UI_TIMEOUT_MS,
      message: "beta's finished dot",
    });
    expect(await badgeOf(deskPage, 'beta').locator('.attention-dot').count()).toBe(1);
    expect(await page.title()).toBe('Agent Desk');
    await page.getByTestId('inbox-section').getByText('Weekly report').waitFor({ timeout: UI_TIMEOUT_MS });

    // Opening the agent clears its finished item.
    await page.getByTestId(`sidebar-item-${deskPage.agentId('beta')}`).getByRole('button').click();
    await deskPage.agentFrame('beta');
    await badgeOf(deskPage, 'beta').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await deskPage.expectClean();
  });

  it('a browser notification names agent, session and reason; its click opens the agent at {base}/{session_id}', async () => {
    const deskPage = await ui.open();
    const { page, context } = deskPage;
    await context.grantPermissions(['notifications'], { origin: `http://desk.localhost:${ui.harness.port}` });
    await page.addInitScript(recordNotifications);
    await page.reload();
    await page.locator('.desk').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.evaluate(() => (globalThis as unknown as NoticePage).Notification.permission)).toBe('granted');

    fake('alpha').sessions.startRun('s3', 'Release notes');
    fake('alpha').sessions.askUser('s3', [{ question: 'Which branch?', header: 'Branch', options: ['main', 'next'] }]);
    const notice = await waitFor(() => page.evaluate(() => (globalThis as unknown as NoticePage).__notices.map(({ title, body }) => ({ title, body }))[0]), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'a notification',
    });
    expect(notice).toEqual({ title: 'alpha · Release notes', body: 'asks: Which branch?' });

    // The click the OS would deliver.
    await page.evaluate(() => (globalThis as unknown as NoticePage).__notices[0]!.dispatchEvent(new ((globalThis as unknown as NoticePage).Event)('click')));
    const frame = await deskPage.agentFrame('alpha');
    expect(new URL(frame.url()).pathname).toBe('/chat/s3');
    expect(new URL(page.url()).hash).toBe(`#/agent/${deskPage.agentId('alpha')}?session=s3`);
    expect(await page.evaluate(() => (globalThis as unknown as NoticePage).__notices.length)).toBe(1);
    // The address carries the session: a reload opens the agent there again.
    await page.reload();
    expect(new URL((await deskPage.agentFrame('alpha')).url()).pathname).toBe('/chat/s3');

    // The question still waits for an answer (seen clears only finished and failed items); answer it in place.
    await page.getByRole('button', { name: /^Inbox/ }).click();
    const question = page.getByTestId('attention-item-question');
    await question.getByLabel('Branch: Which branch?').selectOption('next');
    await question.getByRole('button', { name: 'Send answer' }).click();
    const answer = await waitFor(() => fake('alpha').sessions.answers.find((received) => received.kind === 'ask_user'), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the question answer to reach alpha',
    });
    expect(answer.body).toEqual({
      call_id: expect.any(String),
      answers: [{ question_index: 0, header: 'Branch', selected: 'next', is_custom: false, is_multi_select: false }],
    });
    expect(answer.headers.authorization).toBe('Bearer ui-attention-token-canary-alpha-1');
    fake('alpha').sessions.finishRun('s3');
    await deskPage.expectClean();
  });

  it('a multi-select question is answered from the inbox by ticking options; the agent gets every one, in its own shape', async () => {
    const deskPage = await ui.open();
    const { page } = deskPage;
    fake('beta').sessions.startRun('s6', 'Release');
    const callId = fake('beta').sessions.askUser('s6', [
      { header: 'Checks', question: 'Which checks?', multi_select: true, options: [{ label: 'lint', description: '' }, { label: 'test', description: '' }, { label: 'e2e', description: '' }] },
    ]);
    await page.getByRole('button', { name: /^Inbox/ }).click();
    const group = page.getByTestId('attention-item-question').getByRole('group', { name: 'Checks: Which checks?' });
    await group.getByRole('checkbox', { name: 'lint' }).check({ timeout: UI_TIMEOUT_MS });
    await group.getByRole('checkbox', { name: 'e2e' }).check();
    await page.getByTestId('attention-item-question').getByRole('button', { name: 'Send answer' }).click();
    const answer = await waitFor(() => fake('beta').sessions.answers.find((received) => received.kind === 'ask_user'), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the answer to reach beta',
    });
    expect(answer.body).toEqual({
      call_id: callId,
      answers: [{ question_index: 0, header: 'Checks', selected: 'lint, e2e', selected_list: ['lint', 'e2e'], is_custom: false, is_multi_select: true }],
    });
    await page.getByTestId('attention-item-question').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    fake('beta').sessions.finishRun('s6');
    await deskPage.expectClean();
  });

  it('axe-core: the inbox with an approval, a question and a finished run has no violations, light and dark', async () => {
    fake('alpha').sessions.startRun('s4', 'Refactor parser');
    fake('alpha').sessions.requestApproval('s4', { title: 'rm -rf build' });
    fake('alpha').sessions.askUser('s4', [
      { question: 'Which branch?', options: ['main', 'next'] },
      { question: 'Which checks?', multi_select: true, options: ['lint', 'test'] },
      { question: 'Anything else?' },
    ]);
    fake('beta').sessions.startRun('s5', 'Weekly report');
    await attentionSawRun(fake('beta'), 's5');
    fake('beta').sessions.finishRun('s5');
    for (const colorScheme of ['light', 'dark'] as const) {
      const deskPage = await ui.open({ colorScheme });
      const { page } = deskPage;
      await page.getByRole('button', { name: /^Inbox/ }).click();
      for (const kind of ['approval', 'question', 'finished']) await page.getByTestId(`attention-item-${kind}`).first().waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await axeViolations(page), `inbox, ${colorScheme}`).toEqual([]);
      await page.getByRole('button', { name: 'Directory', exact: true }).click();
      await page.getByTestId('inbox-section').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await axeViolations(page), `directory with its inbox section, ${colorScheme}`).toEqual([]);
      await deskPage.expectClean();
      await deskPage.close();
    }
    fake('alpha').sessions.finishRun('s4');
  });
});
