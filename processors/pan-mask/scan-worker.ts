/**
 * The scan of one chunk, as a worker module (`api.workers`): large chunks are scanned in a pool
 * thread, small ones on the main thread, both through this `run`, so the results are the same by
 * construction. It imports only the scanner: a thread loads nothing of attache.
 *
 * @module
 */
import type { WorkerModule } from 'attache-extproc';
import { PanScanner, type ScannerConfig } from './scanner.js';

/** What a scan needs besides the bytes. */
export interface ScanArg {
  /** The carry state of the bytes before these ({@link START_STATE} at the start of a body). */
  readonly state: number;
  /** Nothing follows: hold nothing back. */
  readonly last: boolean;
}

/** What a scan found (the scanner's fields after the scan). */
export interface ScanResult {
  readonly found: number;
  /** The masked bytes, or null when nothing was masked. */
  readonly out: Uint8Array | null;
  readonly hold: number;
  readonly state: number;
  /** Numbers found per bucket, or null when none. */
  readonly counts: Uint32Array | null;
}

/** The scan worker: one scanner per thread, built from the plugin's scanner settings. */
const scanWorker = {
  setup: (config: ScannerConfig) => new PanScanner(config),
  run(bytes: Uint8Array, scanner: PanScanner, arg: ScanArg): ScanResult {
    scanner.counts.fill(0);
    scanner.scan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), arg.state, arg.last);
    const found = scanner.found;
    return {
      found,
      out: scanner.out,
      hold: scanner.hold,
      state: scanner.state,
      counts: found > 0 ? scanner.counts.slice() : null,
    };
  },
} satisfies WorkerModule<ScannerConfig, PanScanner, ScanArg, ScanResult>;

export default scanWorker;
