import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { UI_TEST_TIMEOUT_MS, UI_TIMEOUT_MS, uiSuite } from './desk-page.js';

const missing = chromiumMissing();
if (missing) console.log(`skipped: ${missing}`);

describe.skipIf(missing)('UI: serve restarted under an open desk (real Chromium, real desk)', { timeout: UI_TEST_TIMEOUT_MS }, () => {
  const ui = uiSuite(async (harness) => {
    await harness.addAgent('alpha', { token: 'ui-restart-token-canary-alpha-1' });
  });

  it('says the session ended and how to get back in, without any click; the newest login link brings back the same place', async () => {
    // The restart cuts the event stream, and the old session's calls are refused until a new login: the browser logs both.
    const deskPage = await ui.open({ allowConsole: [/401/, /ERR_INCOMPLETE_CHUNKED_ENCODING.*\/api\/events/] });
    const { page } = deskPage;
    const alphaId = deskPage.agentId('alpha');
    await page.getByTestId(`sidebar-item-${alphaId}`).getByRole('button').click();
    await deskPage.agentFrame('alpha');
    expect(await page.getByTestId('session-ended').count()).toBe(0);

    await ui.harness.restartDesk();
    await ui.harness.waitForStatus('alpha', 'online');

    // Nobody touches the page: it notices by itself (its stream drops, then the desk refuses its token).
    const notice = page.getByTestId('session-ended');
    await notice.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await notice.textContent()).toContain('newest login link');
    // The agent's page stays where it was meanwhile.
    expect(await page.getByTestId(`agent-pane-${alphaId}`).isVisible()).toBe(true);

    await page.goto(ui.harness.desk.gateway.deskLoginUrl());
    await deskPage.agentFrame('alpha');
    expect(new URL(page.url()).hash).toBe(`#/agent/${alphaId}`);
    expect(await page.getByTestId('session-ended').count()).toBe(0);
    await deskPage.expectClean();
  });
});
