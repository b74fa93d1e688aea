/** Running totals of bench/native/envoy-load.c at one instant (its own clock, in ms). */
export interface NativeLoadMark {
  readonly t: number;
  readonly completed: number;
  readonly errors: number;
  readonly goaways: number;
  readonly reads: number;
  readonly arrived: number;
  readonly overflow: number;
  readonly reconnects: number;
  /** Per endpoint: ms with no stream in flight, and stream-ms in flight (lib/occupancy.mjs). */
  readonly emptyMs: readonly number[];
  readonly areaMs: readonly number[];
}
/** The line after `stop`, once no stream is in flight (or after 3 s). */
export interface NativeLoadDone {
  readonly done: true;
  readonly inflight: number;
  /** Totals since the start, the drain included. */
  readonly completed: number;
  readonly errors: number;
  /** Latencies recorded between `start()` and `stop()`. */
  readonly recorded: number;
  readonly p50Us: number | null;
  readonly p99Us: number | null;
  readonly maxUs: number | null;
  readonly goawayCodes: readonly number[];
  readonly lastFailure: string | null;
  readonly fatal: string | null;
}
export interface NativeLoad {
  readonly pid: number;
  readonly tids: readonly number[];
  mark(): Promise<NativeLoadMark>;
  start(): Promise<NativeLoadMark>;
  stop(): { mark: Promise<NativeLoadMark>; done: Promise<NativeLoadDone> };
  kill(): void;
}
/** Why the C load generator cannot be built here, or null when it can. */
export function nativeLoadUnavailable(): string | null;
/** Builds bench/native/envoy-load.c (or reuses the cached build); resolves to the binary's path. */
export function buildNativeLoad(): Promise<string>;
/** Starts the C load generator; resolves once its worker threads run. */
export function startNativeLoad(
  binary: string,
  options: {
    ports: readonly number[];
    workers: number;
    concurrency: number;
    rate: number;
    lb: 'round-robin' | 'least-request';
    rstCode: number | null;
    headers: Record<string, string>;
    message: Buffer;
  },
): Promise<NativeLoad>;
