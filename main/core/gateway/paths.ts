/** Paths the gateway answers itself on every host; a leaf module (no imports), so any layer may use them. */

/** `/__desk/enter?g=<grant>&to=<path>`: a grant becomes a session cookie for the host. */
export const ENTER_PATH = '/__desk/enter';

/** True for the enter path with or without a query (a char compare, no URL parse). */
export function isEnterPath(url: string): boolean {
  return url.startsWith(ENTER_PATH) && (url.length === ENTER_PATH.length || url[ENTER_PATH.length] === '?');
}

/** `POST /__desk/start` on an agent host: the offline page's Start button (agent-start.ts). */
export const START_PATH = '/__desk/start';

export function isStartPath(url: string): boolean {
  return url.startsWith(START_PATH) && (url.length === START_PATH.length || url[START_PATH.length] === '?');
}

/** Where an agent opens when `to` is absent or refused: its base path. */
export function agentHome(basePath: string | undefined): string {
  return `${basePath ?? ''}/`;
}
