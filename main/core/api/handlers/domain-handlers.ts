import type { DeskStateEvent, InvokeChannel, InvokeRequest, InvokeResponse } from '../../../../preload/contract.js';

/** One invoke channel on the desk side: the payload check at the boundary, then the work. */
export interface ChannelHandler<C extends InvokeChannel> {
  /** Throws a DeskError('bad-request') for a payload the contract does not allow. */
  validate(payload: unknown): InvokeRequest<C>;
  handle(request: InvokeRequest<C>): Promise<InvokeResponse<C>> | InvokeResponse<C>;
}

export type ChannelHandlers<K extends InvokeChannel> = { readonly [C in K]: ChannelHandler<C> };

/**
 * One domain of the contract (desk, agents, widgets, settings, …): its
 * channels, the state events a new subscriber needs, and the subscriptions
 * it holds. DeskService composes the domains; each domain module knows only
 * its own ports.
 */
export interface DomainHandlers<K extends InvokeChannel> {
  readonly channels: ChannelHandlers<K>;
  /** This domain's current state, as events (sent first on every new event stream). */
  snapshot?(): DeskStateEvent[];
  /** Drops the domain's subscriptions and timers. */
  dispose?(): void;
}

/** How a domain pushes state events to every subscriber of the service. */
export type EmitStateEvent = (event: DeskStateEvent) => void;

/** A channel that takes no payload. */
export function noPayload(): void {
  return undefined;
}
