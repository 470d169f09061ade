import { Emitter, reportTo } from '../../../common/emitter.js';
import { DESK_LABEL, hostOf } from '../hosts/index.js';
import { deskEnterUrl } from './enter-urls.js';
import type { GrantIssuer } from './grants.js';

/**
 * The desk's login link: one live single-use grant at a time. When a
 * browser uses it, the next one is minted and listeners (the CLI printing
 * it, the Electron shell loading it) hear the new URL. A listener that
 * throws costs only itself: it is logged, the browser keeps its login and
 * the other listeners still hear.
 */
export class DeskLogin {
  readonly #grants: GrantIssuer;
  readonly #logins: Emitter<string>;
  #port = 0;
  #grant: string | undefined;

  constructor(grants: GrantIssuer, log: (line: string) => void) {
    this.#grants = grants;
    this.#logins = new Emitter('desk-login', reportTo(log));
  }

  /** The gateway is listening on `port`: the first link. */
  start(port: number): void {
    this.#port = port;
    this.#grant = this.#grants.mintDesk(hostOf(DESK_LABEL, port));
  }

  url(): string {
    if (this.#grant === undefined) throw new Error('the gateway is closed');
    return deskEnterUrl(this.#port, this.#grant, DESK_LABEL);
  }

  /** The live grant was redeemed: mint the next and tell the listeners. */
  used(): void {
    if (this.#grant === undefined) return;
    this.#grant = this.#grants.mintDesk(hostOf(DESK_LABEL, this.#port));
    this.#logins.fire(this.url());
  }

  onLogin(listener: (nextLoginUrl: string) => void): () => void {
    return this.#logins.event(listener);
  }

  close(): void {
    this.#grant = undefined;
    this.#logins.dispose();
  }
}
