/**
 * The one contract between the UI and the desk (docs/architecture.md,
 * "Layers"), split by domain under contract/:
 *
 * - desk.ts, agents.ts, widgets.ts, settings.ts, attention.ts — each domain's records,
 *   its invoke channels (`domain:verb`) and the events it pushes;
 * - api.ts — the domains joined into one contract, and the `DeskApi` the
 *   renderer holds whichever transport backs it (Electron IPC through
 *   preload, or HTTP + Server-Sent Events on the desk host);
 * - channels.ts — the channel names at runtime and the checks on what
 *   arrives; rest-routes.ts — the one REST route table.
 *
 * Nothing in the contract may carry a token or any other `.env` value.
 */
export type * from './contract/agents.js';
export type * from './contract/widgets.js';
export type * from './contract/settings.js';
export type * from './contract/desk.js';
export type * from './contract/attention.js';
export type * from './contract/lifecycle.js';
export type * from './contract/api.js';
