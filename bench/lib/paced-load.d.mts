/** What {@link pacedLoad} measured. */
export interface PacedResult {
  /** Requests sent (rate × seconds unless the target fell too far behind). */
  readonly requests: number;
  /** Requests settled per second of the run. */
  readonly rps: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Responses per HTTP status. */
  readonly statuses: Record<number, number>;
  /** Median and 99th percentile of the 2xx responses' times, µs; null without one. */
  readonly p50Us: number | null;
  readonly p99Us: number | null;
  /** 99th percentile of how late the load generator sent a request against its schedule, µs. */
  readonly lateP99Us: number;
  /** True when 10,000 requests were in flight and the run stopped sending. */
  readonly stoppedEarly: boolean;
}
/** An open-loop load of evenly spaced requests at `rate` per second for `seconds`. */
export function pacedLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  method?: string;
  body?: string | Buffer | null;
  headers?: Record<string, string>;
}): Promise<PacedResult>;
