/** Running totals of an {@link Occupancy} at one instant. */
export interface OccupancyMark {
  readonly t: number;
  readonly emptyMs: number[];
  readonly areaMs: number[];
}
/** Streams in flight per endpoint over time, as the load generator sees them. */
export class Occupancy {
  constructor(endpoints: number, now?: () => number);
  started(endpoint: number): void;
  ended(endpoint: number): void;
  inflight(endpoint: number): number;
  mark(): OccupancyMark;
  static between(start: OccupancyMark, end: OccupancyMark): { emptyPct: number; meanInflight: number }[];
}
