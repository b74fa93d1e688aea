// The machine a benchmark ran on, for the files it writes (RESULTS.md, SOAK.md).
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The 1, 5 and 15 minute load averages, two decimals each. */
export function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2));
}

/** Cores, CPU model (from /proc/cpuinfo on Linux) and kernel release. */
export function machine() {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1].trim();
  } catch {
    // Not Linux: os.cpus() is what there is.
  }
  return { cores: os.availableParallelism(), model, kernel: os.release() };
}
