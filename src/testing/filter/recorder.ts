/**
 * Collects what the simulated Envoy observed: transcript, counters and violations.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import {
  type Direction,
  type ExtProcStats,
  emptyStats,
  type TranscriptEntry,
  type Violation,
  type ViolationKind,
} from '../result.js';

/** Distributes `Omit` over a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Mutable record of one exchange, shared by the filter, the side stream and the exchange. */
export class Recorder {
  readonly transcript: TranscriptEntry[] = [];
  readonly stats: ExtProcStats = emptyStats();
  readonly violations: Violation[] = [];
  readonly #start = performance.now();

  /** Milliseconds since the exchange started. */
  now(): number {
    return Math.round((performance.now() - this.#start) * 1000) / 1000;
  }

  /** Appends a transcript entry and returns it (so dispositions can be set later). */
  event(entry: DistributiveOmit<TranscriptEntry, 'seq' | 't'>): TranscriptEntry {
    // Every caller passes a fresh literal: complete it in place rather than copy it.
    const full = entry as TranscriptEntry;
    full.seq = this.transcript.length;
    full.t = this.now();
    this.transcript.push(full);
    return full;
  }

  violation(kind: ViolationKind, direction: Direction | undefined, message: string): void {
    this.violations.push(direction === undefined ? { kind, message } : { kind, direction, message });
  }
}
