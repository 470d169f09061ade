/**
 * The contract as a whole: the domains' channels joined into one invoke map
 * and one event map, the `DeskApi` the renderer holds, and the error shape.
 * A new domain adds its file and one name to each `extends` list below; the
 * route table, the IPC channel list, the validators and the service's
 * handler map are all typed as total over these maps, so the build fails
 * until every layer handles the new channel.
 */
import type { AgentsEvents, AgentsInvoke, AgentsStreams } from './agents.js';
import type { AttentionEvents, AttentionInvoke } from './attention.js';
import type { DeskEvents, DeskInvoke, ShellCommands } from './desk.js';
import type { LifecycleEvents, LifecycleInvoke } from './lifecycle.js';
import type { SettingsEvents, SettingsInvoke } from './settings.js';
import type { WidgetsInvoke } from './widgets.js';

/** Request/response of every invokable channel. */
export interface DeskInvokeContract extends DeskInvoke, AgentsInvoke, WidgetsInvoke, SettingsInvoke, AttentionInvoke, LifecycleInvoke {}

/** State the desk service pushes to every UI, on both transports. */
export interface DeskStateEventContract extends DeskEvents, AgentsEvents, SettingsEvents, AttentionEvents, LifecycleEvents {}

/** Everything pushed to the UI: state, plus the Electron shell's commands. */
export interface DeskEventContract extends DeskStateEventContract, ShellCommands {}

/**
 * Streams: a call with parameters that answers a sequence of chunks until
 * either side ends it (per-agent logs, one agent's record). Unlike events,
 * a stream belongs to the caller that opened it, and closing it stops the
 * work on the desk.
 */
export type DeskStreamContract = AgentsStreams; // & each further domain's streams

export type InvokeChannel = keyof DeskInvokeContract;
export type EventChannel = keyof DeskEventContract;
export type StateEventChannel = keyof DeskStateEventContract;
export type ShellCommandChannel = keyof ShellCommands;
export type InvokeRequest<C extends InvokeChannel> = DeskInvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = DeskInvokeContract[C]['response'];

export type StreamChannel = keyof DeskStreamContract;
export type StreamRequest<C extends StreamChannel> = DeskStreamContract[C]['request'];
export type StreamChunk<C extends StreamChannel> = DeskStreamContract[C]['chunk'];

/**
 * The receiving end of a stream. `end` comes exactly once, and nothing
 * after it: with no error when the desk finished the stream, with the
 * desk's error when it refused or failed it. Closing it yourself ends it
 * without a call.
 */
export interface StreamObserver<T> {
  chunk(value: T): void;
  end(error?: DeskErrorBody['error']): void;
}

type EventOf<Map, C extends keyof Map> = { [K in C]: { channel: K; payload: Map[K] } }[C];

export type DeskEvent = EventOf<DeskEventContract, EventChannel>;
/** An event that carries desk state; the renderer's stores apply these. */
export type DeskStateEvent = EventOf<DeskEventContract, StateEventChannel>;
/** An event that asks the UI to act (Electron shell only). */
export type ShellCommandEvent = EventOf<DeskEventContract, ShellCommandChannel>;

/** What the renderer holds; it never knows which transport backs it. */
export interface DeskApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** Opens a stream; the returned function closes it (safe to call twice, or after its end). */
  stream<C extends StreamChannel>(channel: C, request: StreamRequest<C>, observer: StreamObserver<StreamChunk<C>>): () => void;
}

/** Error shape both transports use for a refused or failed call. */
export interface DeskErrorBody {
  error: { code: string; message: string };
}
