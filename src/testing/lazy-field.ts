/**
 * {@link lazyField}: a result field computed on first read, for values most callers never read.
 *
 * @module
 */

/**
 * Defines `key` on `target` as an enumerable field whose value `compute` makes on first read
 * (then kept as a plain data property). It reads, spreads, compares (`toEqual`), serialises and
 * can be assigned like any field; only the work is deferred. `compute` must depend on nothing
 * that changes after the call (the exchange is over when its result is built). Internal.
 */
export function lazyField<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]): T[K] => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, key, {
    get: () => settle(compute()),
    set: (value: T[K]) => settle(value),
    enumerable: true,
    configurable: true,
  });
}
