/**
 * The filter's lazily opened `Process` call (doc §1.2, §1.6, §1.7).
 *
 * @module
 */
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import { GrpcStatus } from '../../transport/types.js';
import type { CallStatus, ClientSideStream, ExtProcChannel } from '../channel.js';
import type { Direction, StreamOutcome } from '../result.js';
import type { Recorder } from './recorder.js';

/** What the filter wants to hear from its stream. */
export interface SideStreamEvents {
  reply(response: ProcessingResponse): void;
  /** The server (or transport) ended the call; never called after our own close. */
  remoteClose(status: CallStatus): void;
}

/** One exchange's side stream: opened on the first message, closed once. */
export class SideStream {
  readonly #channel: ExtProcChannel;
  readonly #metadata: Record<string, string>;
  readonly #recorder: Recorder;
  readonly #events: SideStreamEvents;
  #call: ClientSideStream | undefined;
  /** `closing`: half-closed gracefully, waiting for the server's status (doc §1.6). */
  #state: 'unopened' | 'open' | 'closing' | 'closed' = 'unopened';
  #closeTimer: NodeJS.Timeout | undefined;
  #outcome: StreamOutcome = { opened: false, endedBy: 'never-opened' };
  #markClosed!: () => void;
  /** Resolves once the call is closed by either side. */
  readonly closed: Promise<void> = new Promise((resolve) => {
    this.#markClosed = resolve;
  });

  constructor(
    channel: ExtProcChannel,
    metadata: Record<string, string>,
    recorder: Recorder,
    events: SideStreamEvents,
  ) {
    this.#channel = channel;
    this.#metadata = metadata;
    this.#recorder = recorder;
    this.#events = events;
  }

  /** Whether the call is open (Envoy's `stream_ != nullptr`). */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Whether the call was ever opened. */
  get wasOpened(): boolean {
    return this.#state !== 'unopened';
  }

  get outcome(): StreamOutcome {
    return this.#outcome;
  }

  /** Opens the call if it was never opened. Envoy opens at most one call per HTTP request. */
  open(): void {
    if (this.#state !== 'unopened') return;
    this.#state = 'open';
    this.#outcome = { opened: true, endedBy: 'envoy' };
    this.#recorder.stats.streams_started++;
    this.#recorder.event({ type: 'opened', metadata: { ...this.#metadata } });
    this.#call = this.#channel.open(this.#metadata, {
      reply: (response) => {
        if (this.#state === 'open') this.#events.reply(response);
      },
      close: (status) => {
        if (this.#state === 'closing') {
          this.#finishGraceful(status);
          return;
        }
        if (this.#state !== 'open') return;
        this.#state = 'closed';
        this.#markClosed();
        this.#outcome = {
          opened: true,
          endedBy: status.code === GrpcStatus.OK ? 'server-ok' : 'server-error',
          status: { code: status.code, message: status.message },
        };
        this.#recorder.event({ type: 'server-closed', code: status.code, message: status.message });
        this.#events.remoteClose(status);
      },
    });
  }

  /** Sends one message (never end-of-stream, doc §1.5). */
  send(direction: Direction, request: ProcessingRequest): void {
    if (this.#state !== 'open' || this.#call === undefined) return;
    this.#recorder.stats.stream_msgs_sent++;
    this.#recorder.event({ type: 'sent', direction, message: request });
    this.#call.send(request);
  }

  /**
   * Envoy's normal close: half-close immediately followed by a reset (doc §1.6). Returns whether
   * the call was still open (Envoy then counts `streams_closed`).
   */
  close(): boolean {
    if (this.#state === 'closing' && this.#call !== undefined) {
      // An aborted exchange does not wait for a graceful close to finish.
      clearTimeout(this.#closeTimer);
      this.#state = 'closed';
      this.#recorder.event({ type: 'cancelled' });
      this.#call.cancel();
      this.#markClosed();
      return false;
    }
    if (this.#state !== 'open' || this.#call === undefined) return false;
    this.#state = 'closed';
    this.#markClosed();
    this.#recorder.event({ type: 'half-closed' });
    this.#call.halfClose();
    this.#recorder.event({ type: 'cancelled' });
    this.#call.cancel();
    return true;
  }

  /**
   * Envoy's graceful close (runtime `ext_proc_graceful_grpc_close`, doc §1.6): half-close, then
   * wait up to `timeoutMs` for the server's status; reset only if it does not come. Replies that
   * still arrive are ignored (processing is complete). Returns whether the call was still open.
   */
  halfCloseAndWait(timeoutMs: number): boolean {
    if (this.#state !== 'open' || this.#call === undefined) return false;
    const call = this.#call;
    this.#state = 'closing';
    this.#recorder.event({ type: 'half-closed' });
    call.halfClose();
    this.#closeTimer = setTimeout(() => {
      if (this.#state !== 'closing') return;
      this.#state = 'closed';
      this.#outcome = { opened: true, endedBy: 'envoy-timeout' };
      this.#recorder.event({ type: 'remote-close-timeout' });
      this.#recorder.event({ type: 'cancelled' });
      call.cancel();
      this.#markClosed();
    }, timeoutMs);
    return true;
  }

  #finishGraceful(status: CallStatus): void {
    clearTimeout(this.#closeTimer);
    this.#state = 'closed';
    this.#outcome = {
      opened: true,
      endedBy: 'envoy-graceful',
      status: { code: status.code, message: status.message },
    };
    this.#recorder.event({ type: 'server-closed', code: status.code, message: status.message });
    this.#markClosed();
  }
}
