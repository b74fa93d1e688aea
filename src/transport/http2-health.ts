/**
 * `grpc.health.v1.Health` (Check and Watch) for the `node:http2` transport.
 *
 * The two messages are encoded by hand: `HealthCheckRequest` is one string field
 * (`service = 1`) and `HealthCheckResponse` one enum field (`status = 1`), so generated code
 * would add a dependency and a build step for four bytes of wire format.
 *
 * @module
 */
import type { ServerHttp2Stream } from 'node:http2';
import { MessageReader } from './grpc-frames.js';
import { GrpcCall } from './http2-call.js';
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

/**
 * The health statuses of the services this server reports, and the Watch calls that follow them.
 */
export class HealthService {
  readonly #statuses = new Map<string, number>();
  readonly #watchers = new Set<{ call: GrpcCall; service: string }>();

  constructor(services: readonly string[]) {
    for (const s of services) this.#statuses.set(s, SERVING);
  }

  /** Sets every service SERVING or NOT_SERVING; Watch calls get the change. */
  setServing(serving: boolean): void {
    const status = serving ? SERVING : NOT_SERVING;
    for (const service of this.#statuses.keys()) this.#statuses.set(service, status);
    for (const w of this.#watchers) w.call.sendMessage(RESPONSES[status] as Buffer);
  }

  /** Ends every Watch call (UNAVAILABLE), so they do not hold a graceful shutdown open. */
  endWatches(): void {
    for (const w of this.#watchers) w.call.finish(GrpcStatus.UNAVAILABLE, 'server is shutting down');
    this.#watchers.clear();
  }

  /** Serves one Check (`watch` false) or Watch call on `stream`. */
  serve(stream: ServerHttp2Stream, watch: boolean): void {
    const call = new GrpcCall(stream);
    let service: string | null = null;
    const reader = new MessageReader(MAX_REQUEST_BYTES, {
      message: (bytes) => {
        if (service !== null) {
          reader.stop();
          call.finish(GrpcStatus.INVALID_ARGUMENT, 'one HealthCheckRequest expected');
          return;
        }
        try {
          service = decodeHealthRequest(bytes);
        } catch (error) {
          reader.stop();
          call.finish(
            GrpcStatus.INVALID_ARGUMENT,
            `malformed HealthCheckRequest: ${(error as Error).message}`,
          );
          return;
        }
        if (watch) this.#watch(call, service);
      },
      problem: (p) =>
        call.finish(
          p.kind === 'compressed' ? GrpcStatus.UNIMPLEMENTED : GrpcStatus.RESOURCE_EXHAUSTED,
          p.kind === 'compressed' ? 'compressed messages are not supported' : 'HealthCheckRequest too large',
        ),
    });
    stream.on('data', (chunk: Buffer) => reader.push(chunk));
    stream.on('end', () => {
      if (call.finished || watch) return;
      if (service === null) {
        call.finish(GrpcStatus.INVALID_ARGUMENT, 'no HealthCheckRequest before the half-close');
        return;
      }
      const status = this.#statuses.get(service);
      if (status === undefined) {
        call.finish(GrpcStatus.NOT_FOUND, `unknown service ${JSON.stringify(service)}`);
        return;
      }
      call.sendMessage(RESPONSES[status] as Buffer);
      call.finish(GrpcStatus.OK, '');
    });
    stream.on('close', () => call.markClosed());
  }

  #watch(call: GrpcCall, service: string): void {
    // The spec: an unknown service is SERVICE_UNKNOWN on the stream, not an error.
    call.sendMessage(RESPONSES[this.#statuses.get(service) ?? SERVICE_UNKNOWN] as Buffer);
    if (!this.#statuses.has(service)) return;
    const watcher = { call, service };
    this.#watchers.add(watcher);
    call.stream.once('close', () => this.#watchers.delete(watcher));
  }
}
