/**
 * `grpc.health.v1.Health` (Check and Watch), transport-neutral: the `http2` and `wire`
 * transports feed a {@link HealthCall} the request stream and give it their call output.
 *
 * The two messages are encoded by hand: `HealthCheckRequest` is one string field
 * (`service = 1`) and `HealthCheckResponse` one enum field (`status = 1`), so generated code
 * would add a dependency and a build step for four bytes of wire format.
 *
 * @module
 */
import { type FrameProblem, type MessageListener, MessageReader } from './grpc-frames.js';
import { GrpcStatus } from './types.js';

/** `/grpc.health.v1.Health/Check`. */
export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';
/** `/grpc.health.v1.Health/Watch`. */
export const HEALTH_WATCH_PATH = '/grpc.health.v1.Health/Watch';

/** `HealthCheckResponse.ServingStatus` values. */
const SERVING = 1;
const NOT_SERVING = 2;
const SERVICE_UNKNOWN = 3;

/** The encoded `HealthCheckResponse` per status (field 1, varint). */
const RESPONSES = [0, 1, 2, 3].map((status) => Buffer.from([0x08, status]));

/** A request can only be a service name; anything larger is not a health check. */
const MAX_REQUEST_BYTES = 4096;

function readVarint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++) {
    const b = bytes[i] as number;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, i + 1];
    shift += 7;
  }
  throw new Error('truncated varint');
}

/**
 * Decodes `HealthCheckRequest.service`; unknown fields are skipped as protobuf requires.
 * @internal
 */
export function decodeHealthRequest(bytes: Buffer): string {
  let service = '';
  let at = 0;
  while (at < bytes.length) {
    const [tag, afterTag] = readVarint(bytes, at);
    const wire = tag & 7;
    at = afterTag;
    if (wire === 0) at = readVarint(bytes, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const [length, start] = readVarint(bytes, at);
      at = start + length;
      if (at > bytes.length) throw new Error('truncated field');
      if (tag >>> 3 === 1) service = bytes.toString('utf8', start, at);
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  if (at > bytes.length) throw new Error('truncated field');
  return service;
}

/** The outgoing side of a health call, as the transport gives it. */
export interface HealthOutput {
  /** True once the call was finished by us or closed by the peer. */
  readonly finished: boolean;
  /** Sends one message. */
  sendMessage(message: Buffer): boolean;
  /** Ends the call with a status. */
  finish(code: number, message: string): void;
}

/**
 * The health statuses of the services this server reports, and the Watch calls that follow them.
 */
export class HealthService {
  readonly #statuses = new Map<string, number>();
  readonly #watchers = new Set<HealthCall>();

  constructor(services: readonly string[]) {
    for (const s of services) this.#statuses.set(s, SERVING);
  }

  /** Sets every service SERVING or NOT_SERVING; Watch calls get the change. */
  setServing(serving: boolean): void {
    const status = serving ? SERVING : NOT_SERVING;
    for (const service of this.#statuses.keys()) this.#statuses.set(service, status);
    for (const w of this.#watchers) w.out.sendMessage(RESPONSES[status] as Buffer);
  }

  /** Ends every Watch call (UNAVAILABLE), so they do not hold a graceful shutdown open. */
  endWatches(): void {
    for (const w of this.#watchers) w.out.finish(GrpcStatus.UNAVAILABLE, 'server is shutting down');
    this.#watchers.clear();
  }

  /** Starts one Check (`watch` false) or Watch call answering through `out`; feed it the request. */
  open(out: HealthOutput, watch: boolean): HealthCall {
    return new HealthCall(this, out, watch);
  }

  /** @internal A Watch call's request named `service`: its first status, then every change. */
  watch(call: HealthCall, service: string): void {
    // The spec: an unknown service is SERVICE_UNKNOWN on the stream, not an error.
    call.out.sendMessage(RESPONSES[this.#statuses.get(service) ?? SERVICE_UNKNOWN] as Buffer);
    if (this.#statuses.has(service)) this.#watchers.add(call);
  }

  /** @internal A call closed: it follows nothing any more. */
  forget(call: HealthCall): void {
    this.#watchers.delete(call);
  }

  /** @internal A Check call's answer for `service`. */
  check(call: HealthCall, service: string): void {
    const status = this.#statuses.get(service);
    if (status === undefined) {
      call.out.finish(GrpcStatus.NOT_FOUND, `unknown service ${JSON.stringify(service)}`);
      return;
    }
    call.out.sendMessage(RESPONSES[status] as Buffer);
    call.out.finish(GrpcStatus.OK, '');
  }
}

/**
 * One Check or Watch call: reads the one `HealthCheckRequest`, answers a Check at the client's
 * half-close, and keeps a Watch following the status until the call closes.
 */
export class HealthCall implements MessageListener {
  readonly #health: HealthService;
  readonly out: HealthOutput;
  readonly #watch: boolean;
  readonly #reader: MessageReader;
  #service: string | null = null;

  constructor(health: HealthService, out: HealthOutput, watch: boolean) {
    this.#health = health;
    this.out = out;
    this.#watch = watch;
    this.#reader = new MessageReader(MAX_REQUEST_BYTES, this);
  }

  /** One DATA chunk of the request stream. */
  push(chunk: Buffer): void {
    this.#reader.push(chunk);
  }

  message(bytes: Buffer): void {
    if (this.#service !== null) {
      this.#reader.stop();
      this.out.finish(GrpcStatus.INVALID_ARGUMENT, 'one HealthCheckRequest expected');
      return;
    }
    try {
      this.#service = decodeHealthRequest(bytes);
    } catch (error) {
      this.#reader.stop();
      this.out.finish(
        GrpcStatus.INVALID_ARGUMENT,
        `malformed HealthCheckRequest: ${(error as Error).message}`,
      );
      return;
    }
    if (this.#watch) this.#health.watch(this, this.#service);
  }

  problem(p: FrameProblem): void {
    this.out.finish(
      p.kind === 'compressed' ? GrpcStatus.UNIMPLEMENTED : GrpcStatus.RESOURCE_EXHAUSTED,
      p.kind === 'compressed' ? 'compressed messages are not supported' : 'HealthCheckRequest too large',
    );
  }

  /** The client half-closed: a Check is answered now. */
  onEnd(): void {
    if (this.out.finished || this.#watch) return;
    if (this.#service === null) {
      this.out.finish(GrpcStatus.INVALID_ARGUMENT, 'no HealthCheckRequest before the half-close');
      return;
    }
    this.#health.check(this, this.#service);
  }

  /** The stream closed. */
  onClose(): void {
    this.#health.forget(this);
  }
}
