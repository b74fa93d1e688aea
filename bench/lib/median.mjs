// The median of a benchmark's figures (rounds, windows): the middle value, or the mean of the two
// middle ones for an even count. Missing figures (null, NaN: a window that answered nothing) are
// left out; none left gives null.

/** The median of the finite numbers in `values`, or null when there are none. */
export function median(values) {
  const v = values.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
