import { dialog, shell, type BrowserWindow } from 'electron';
import { ExternalOpenGate, urlForLog } from '../core/shell/index.js';

export interface ExternalLinksOptions {
  /** The window a question is attached to. */
  parent(): BrowserWindow | undefined;
  /** The agent's name as the user knows it. */
  nameOf(source: string): string;
  log(line: string): void;
  /** A link that was not opened, for the desk's toasts. */
  report(key: string, message: string): void;
}

/**
 * Agent links to the system browser, through the per-agent gate
 * (ExternalOpenGate): opened, asked about once, or dropped with a toast.
 */
export class ExternalLinks {
  readonly #gate = new ExternalOpenGate();
  readonly #options: ExternalLinksOptions;

  constructor(options: ExternalLinksOptions) {
    this.#options = options;
  }

  /** The user's own link (the desk page): no gate. */
  openTrusted(url: string): void {
    this.#openNow(url);
  }

  /** A link an agent's page navigated to or opened; `lastInputAt` is the last click or key in its view. */
  openFromAgent(source: string, url: string, lastInputAt: number | undefined): void {
    const options = this.#options;
    const name = options.nameOf(source);
    const decision = this.#gate.request(source, name, url, lastInputAt);
    switch (decision.action) {
      case 'open':
        this.#openNow(decision.url);
        return;
      case 'drop':
        options.log(`agent ${source}: did not open ${urlForLog(url)} in the browser: ${decision.reason}`);
        options.report(`links-dropped:${source}`, `${name} tried to open more links in your browser; they were not opened.`);
        return;
      case 'ask': {
        const box = {
          type: 'question' as const,
          title: 'Open in your browser?',
          message: decision.question.message,
          detail: decision.question.detail,
          buttons: ['Open in browser', 'Don’t open'],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
        };
        const parent = options.parent();
        const answer = parent && !parent.isDestroyed() ? dialog.showMessageBox(parent, box) : dialog.showMessageBox(box);
        void answer.then(
          ({ response }) => {
            const open = response === 0;
            this.#gate.answered(source, open);
            if (open) this.#openNow(decision.url);
          },
          () => this.#gate.answered(source, false),
        );
        return;
      }
    }
  }

  forget(source: string): void {
    this.#gate.forget(source);
  }

  #openNow(url: string): void {
    shell.openExternal(url).catch((error: Error) => this.#options.log(`could not open a link in the system browser: ${error.message}`));
  }
}
