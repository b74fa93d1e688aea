/** One group of bars of the latency plot. */
export interface PlotGroup {
  label: string;
  sub: string;
  bars: { name: string; side: 'without' | 'with'; us: number | null }[];
}
// biome-ignore lint/suspicious/noExplicitAny: the runs are the scripts' untyped JSON.
export function plotGroups(runs: any[]): PlotGroup[];
export function latencySvg(
  groups: PlotGroup[],
  title: string,
): { svg: string; width: number; height: number };
export function findChromium(): string | null;
export function renderPng(svg: string, out: string, width: number, height: number): boolean;
