import type { SoakRecord } from './soak-summary.mjs';
export function soakSvg(records: SoakRecord[], title: string): { svg: string; width: number; height: number };
