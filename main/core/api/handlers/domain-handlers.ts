import type {
  DeskStateEvent,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  StreamChannel,
  StreamChunk,
  StreamRequest,
} from '../../../../preload/contract.js';
import type { DeskError } from '../desk-errors.js';

/** One invoke channel on the desk side: the payload check at the boundary, then the work. */
export interface ChannelHandler<C extends InvokeChannel> {
  /** Throws a DeskError('bad-request') for a payload the contract does not allow. */
  validate(payload: unknown): InvokeRequest<C>;
  handle(request: InvokeRequest<C>): Promise<InvokeResponse<C>> | InvokeResponse<C>;
}

export type ChannelHandlers<K extends InvokeChannel> = { readonly [C in K]: ChannelHandler<C> };

/** Where a stream's handler sends its output; after `end`, nothing more is sent. */
export interface StreamSink<T> {
  chunk(value: T): void;
  /** Ends the stream: finished (no error) or failed with an error safe for the UI. */
  end(error?: DeskError): void;
}

/** One stream channel on the desk side. */
export interface StreamHandler<C extends StreamChannel> {
  validate(payload: unknown): StreamRequest<C>;
  /**
   * Starts the stream, or throws a DeskError to refuse it (the caller gets
   * the error instead of a stream). Returns what stops the work; it runs
   * once, when either side ends the stream.
   */
  open(request: StreamRequest<C>, sink: StreamSink<StreamChunk<C>>): () => void;
}

export type StreamHandlers<K extends StreamChannel> = { readonly [C in K]: StreamHandler<C> };

/**
 * One domain of the contract (desk, agents, widgets, settings, …): its
 * channels and streams, the state events a new subscriber needs, and the
 * subscriptions it holds. DeskService composes the domains; each domain
 * module knows only its own ports.
 */
export type DomainHandlers<K extends InvokeChannel, S extends StreamChannel = never> = {
  readonly channels: ChannelHandlers<K>;
  /** This domain's current state, as events (sent first on every new event stream). */
  snapshot?(): DeskStateEvent[];
  /** Drops the domain's subscriptions and timers. */
  dispose?(): void;
} & ([S] extends [never] ? { readonly streams?: undefined } : { readonly streams: StreamHandlers<S> });

/** How a domain pushes state events to every subscriber of the service. */
export type EmitStateEvent = (event: DeskStateEvent) => void;

/** A channel that takes no payload. */
export function noPayload(): void {
  return undefined;
}
