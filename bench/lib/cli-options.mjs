// Command-line helpers the benchmark scripts share: a usage error (printed with the usage, exit
// code 2) and a bounded number option read from node:util parseArgs' values.

/** A bad command line: the scripts print its message and their usage, and exit with code 2. */
export class UsageError extends Error {}

/**
 * `values[name]` as a number in [min, max] (an integer when `integer`), or a UsageError naming
 * the option.
 */
export function numberOption(values, name, min, max, integer) {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
  }
  return v;
}
