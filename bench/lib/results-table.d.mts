/** One row of the benchmark table. */
export interface ResultRow {
  node: string;
  measure: string;
  case: string;
  attache: string;
  baseline: string;
  ratio: string;
}
/** Rows from the --json results of bench/streams.mjs and bench/latency.mjs, one run per Node. */
// biome-ignore lint/suspicious/noExplicitAny: the runs are the scripts' untyped JSON.
export function tableRows(runs: any[]): ResultRow[];
/** A Markdown table with padded columns. */
export function markdownTable(rows: ResultRow[]): string;
