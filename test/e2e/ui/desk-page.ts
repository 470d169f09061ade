import type { Browser, BrowserContext, Frame, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, type BrowserConfig } from '../support/browser.js';
import { DeskHarness, type DeskHarnessOptions } from '../support/desk-harness.js';
import { waitFor } from '../../helpers/wait-for.js';

/** What the page scripts in these tests touch; the test tsconfig has no DOM lib. Use as `globalThis as unknown as PageGlobals`. */
export interface PageGlobals {
  document: {
    activeElement: unknown;
    body: unknown;
    documentElement: { dataset: Record<string, string | undefined> };
  };
  getComputedStyle(element: unknown): { backgroundColor: string };
  opener: unknown;
  /** Markers tests set to prove a document was not reloaded. */
  __agentDeskMark?: string;
  __sameDocument?: string;
}

/** Generous: these are correctness waits on a loaded machine, never speed checks. */
export const UI_TIMEOUT_MS = 15_000;
/** Per test and per hook: a test makes several such waits, plus a browser context and a desk. */
export const UI_TEST_TIMEOUT_MS = 90_000;

export interface DeskPageOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Console errors these patterns match are expected by the test (e.g. an agent that is down). */
  allowConsole?: RegExp[];
}

/**
 * One logged-in browser context on the desk, watching everything the user
 * could see: console errors, uncaught page errors, and every response the
 * desk host sends (checked for canary secrets).
 */
export class DeskPage {
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly deskResponses: string[] = [];
  readonly #bodyChecks: Promise<void>[] = [];
  readonly #leaks: string[] = [];

  private constructor(
    readonly harness: DeskHarness,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly allowConsole: RegExp[],
  ) {}

  static async open(browser: Browser, harness: DeskHarness, options: DeskPageOptions = {}): Promise<DeskPage> {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    const deskPage = new DeskPage(harness, context, page, options.allowConsole ?? []);
    deskPage.watch(page);
    context.on('page', (other) => deskPage.watch(other));
    await page.goto(harness.desk.gateway.deskLoginUrl());
    expect(new URL(page.url()).host).toBe(`desk.localhost:${harness.port}`);
    await page.locator('.desk').waitFor({ timeout: UI_TIMEOUT_MS });
    return deskPage;
  }

  /** Every secret the harness holds: the fake agents' tokens and the provider-key canaries of their .env files. */
  canaries(extra: string[] = []): string[] {
    const values = [...this.harness.agents.values()].flatMap((agent) => [agent.fake.token, `sk-e2e-canary-${agent.name}`]);
    return [...values, ...extra];
  }

  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url})`;
      if (!this.allowConsole.some((pattern) => pattern.test(text))) this.consoleErrors.push(text);
    });
    page.on('pageerror', (error) => this.pageErrors.push(`${error.name}: ${error.message}`));
    page.on('response', (response) => this.#checkResponse(response));
  }

  #checkResponse(response: Response): void {
    const url = new URL(response.url());
    if (url.host !== `desk.localhost:${this.harness.port}`) return;
    this.deskResponses.push(`${response.status()} ${url.pathname}`);
    const headers = JSON.stringify(response.headers());
    const contentType = response.headers()['content-type'] ?? '';
    // An event stream never ends while the page is open; its events reach the DOM, which is checked too.
    const body = contentType.includes('event-stream') || response.status() === 302 ? Promise.resolve('') : response.text().catch(() => '');
    this.#bodyChecks.push(
      body.then((text) => {
        for (const canary of this.canaries()) {
          if (headers.includes(canary) || text.includes(canary)) this.#leaks.push(`${url.pathname} leaks ${canary.slice(0, 6)}…`);
        }
      }),
    );
  }

  /** The desk's own HTML plus every frame's, with no canary in any of it. */
  async expectNoCanaryInContent(extra: string[] = []): Promise<void> {
    const pages = this.context.pages();
    for (const page of pages) {
      for (const frame of page.frames()) {
        const html = await frame.content().catch(() => '');
        for (const canary of this.canaries(extra)) expect(html, `canary in ${frame.url()}`).not.toContain(canary);
      }
    }
  }

  /** No console error, no uncaught error, no canary anywhere the page or the desk host showed. */
  async expectClean(extra: string[] = []): Promise<void> {
    await this.expectNoCanaryInContent(extra);
    await Promise.all(this.#bodyChecks);
    expect(this.#leaks, this.#leaks.join('\n')).toEqual([]);
    expect(this.deskResponses.length).toBeGreaterThan(0);
    expect(this.pageErrors, `uncaught errors: ${this.pageErrors.join('\n')}`).toEqual([]);
    expect(this.consoleErrors, `console errors: ${this.consoleErrors.join('\n')}`).toEqual([]);
  }

  agentId(name: string): string {
    const record = this.harness.recordOf(name);
    if (!record) throw new Error(`the desk has no agent ${name}`);
    return record.id;
  }

  /** The agent's own tab (where framed storage is denied), once its page has come up; `except` tabs that were open before. */
  async agentTab(name: string, except: ReadonlySet<Page> = new Set()): Promise<Page> {
    const origin = this.harness.origin(name);
    return waitFor(
      async () => {
        for (const candidate of this.context.pages()) {
          if (except.has(candidate) || new URL(candidate.url()).origin !== origin) continue;
          const heading = await candidate.locator('#agent-name').textContent({ timeout: 500 }).catch(() => null);
          if (heading === name) return candidate;
        }
        return null;
      },
      { timeoutMs: UI_TIMEOUT_MS, intervalMs: 100, message: `${name}'s page to come up in its own tab` },
    ).catch((error: unknown) => {
      // Which tabs there were, and which were there before (origin and path only: no grant from a query).
      const tabs = this.context.pages().map((candidate) => {
        const url = new URL(candidate.url());
        return `${except.has(candidate) ? 'before' : 'new'} ${url.origin}${url.pathname}`;
      });
      throw new Error(`${error instanceof Error ? error.message : String(error)}; tabs: ${tabs.join(', ')}`);
    });
  }

  /** The agent's frame inside its pane, once its page has loaded. */
  async agentFrame(name: string): Promise<Frame> {
    const pane = this.page.getByTestId(`agent-pane-${this.agentId(name)}`);
    const iframe = pane.locator('iframe.agent-frame');
    await iframe.waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const frame = await waitFor(
      async () => {
        const candidate = await (await iframe.elementHandle())?.contentFrame();
        if (!candidate) return null;
        const heading = await candidate.locator('#agent-name').textContent({ timeout: 500 }).catch(() => null);
        return heading === name ? candidate : null;
      },
      { timeoutMs: UI_TIMEOUT_MS, intervalMs: 100, message: `${name}'s page to load in its frame` },
    );
    return frame;
  }

  /** The sidebar's agent names, top to bottom. */
  sidebarNames(): Promise<string[]> {
    return this.page.locator('.sidebar-list .sidebar-name').allTextContents();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** What a UI test file gets from uiSuite: the suite's desk and browser, and pages on it. */
export interface UiSuite {
  readonly harness: DeskHarness;
  readonly browser: Browser;
  /** A logged-in desk page in a fresh context; closed after the test (closing it sooner is fine). */
  open(options?: DeskPageOptions): Promise<DeskPage>;
}

/**
 * The lifecycle every UI test file shares, registered in the calling
 * describe block: one desk (with whatever `setup` adds, e.g. agents) and one
 * Chromium for the block, each page open() gives closed after its test.
 * vitest runs after-hooks as a stack: hooks a file registers before calling
 * this run after the pages, the browser and the desk are closed. The browser
 * runs as a user's does unless `options.browser` says otherwise
 * (test/e2e/support/browser.ts).
 */
export function uiSuite(setup?: (harness: DeskHarness) => Promise<void>, options: { browser?: BrowserConfig; harness?: DeskHarnessOptions } = {}): UiSuite {
  let harness: DeskHarness | undefined;
  let browser: Browser | undefined;
  const opened: DeskPage[] = [];

  beforeAll(async () => {
    harness = await DeskHarness.start(options.harness);
    await setup?.(harness);
    browser = await launchChromium(options.browser ?? 'user');
  }, UI_TEST_TIMEOUT_MS);

  afterEach(async () => {
    for (const deskPage of opened.splice(0)) await deskPage.close();
  }, UI_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  }, UI_TEST_TIMEOUT_MS);

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`uiSuite: no ${what} yet (use it inside a test or a hook that runs after uiSuite's beforeAll)`);
    return value;
  };

  return {
    get harness() {
      return started(harness, 'desk');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async open(options?: DeskPageOptions) {
      const deskPage = await DeskPage.open(started(browser, 'browser'), started(harness, 'desk'), options);
      opened.push(deskPage);
      return deskPage;
    },
  };
}
