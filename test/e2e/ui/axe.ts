import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(path.resolve(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe-core's violations on the page as it is now (WCAG 2.x A and AA rules
 * plus best practices), one line each. Evaluated through the DevTools
 * protocol, so the desk's and the gateway's CSP do not block it. Agent
 * frames are other origins and not ours to scan.
 */
export async function axeViolations(page: Page | Frame): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      iframes: false,
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations;
  });
  return violations.map(
    (violation) => `${violation.id} (${violation.impact ?? '?'}): ${violation.help} — ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
  );
}

/**
 * Gateway pages a stranger reaches (no session, a spent link, a wrong path):
 * each opened in a fresh context answers `status`, has a main landmark with
 * its heading, and no axe violation.
 */
export async function expectAccessibleGatewayPages(browser: Browser, pages: ReadonlyArray<readonly [what: string, url: string, status: number]>): Promise<void> {
  const fresh = await browser.newContext();
  try {
    for (const [what, url, status] of pages) {
      const other = await fresh.newPage();
      const response = await other.goto(url);
      expect(response?.status(), what).toBe(status);
      expect(await other.locator('main h1').count(), `${what}: a main landmark with its heading`).toBe(1);
      expect(await axeViolations(other), what).toEqual([]);
      await other.close();
    }
  } finally {
    await fresh.close();
  }
}
