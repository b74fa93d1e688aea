/** One scraped series. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
/** One scrape: its time in seconds and its series. */
export interface Scrape {
  t: number;
  series: Sample[];
}
/** A parsed query (the subset of PromQL the dashboard uses). */
export type Query = { type: string; [field: string]: unknown };
export function parse(expr: string, vars?: Record<string, string>): Query;
export function metricNames(tree: Query): string[];
export function evaluate(
  tree: Query,
  scrapes: Scrape[],
  t: number,
): Array<{ labels: Record<string, string>; value: number }>;
export function parseExposition(text: string): Sample[];
