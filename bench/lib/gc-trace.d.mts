/** One GC event of a --trace-gc trace. */
export interface GcEvent {
  readonly kind: 'Scavenge' | 'Mark-Compact' | 'Minor Mark-Sweep';
  readonly before: number;
  readonly after: number;
  readonly ms: number;
}
/** The GC events of a trace. */
export function parseTrace(text: string): GcEvent[];
/** The young collections of `events` over `streams` streams, and the mark-compacts apart. */
export function summarize(
  events: readonly GcEvent[],
  streams: number,
): {
  scavenges: number;
  pauseMsMedian: number | null;
  pauseMsMax: number | null;
  keptKbPerStream: number | null;
  markCompacts: number;
  markCompactMsMax: number | null;
};
