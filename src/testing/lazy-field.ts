/**
 * {@link lazyField}: a result field computed on first read, for values most callers never read.
 *
 * Why shared accessors: `Object.defineProperty` with a fresh getter/setter pair per object gives
 * every object its own hidden class (a map, allocated in V8's old space, holding the closures).
 * Those maps outlive the exchange until the next full GC and keep whatever the closures reach
 * alive through every scavenge in between: under load the development proxy promoted most of
 * each exchange's objects that way (and paid ~10 µs per field). Here every object with a lazy
 * `key` shares one getter/setter pair, so the objects share their hidden classes; the per-object
 * computation sits in a plain record under a private symbol.
 *
 * @module
 */

/** The computations not run yet, per object (non-enumerable: invisible to spreads and `toEqual`). */
const kPending = Symbol('attache.lazyField');

type Pending = Record<PropertyKey, (() => unknown) | undefined>;
type WithPending = { [kPending]?: Pending } & Record<PropertyKey, unknown>;

/** One accessor descriptor per field name, shared by every object. */
const accessors = new Map<PropertyKey, PropertyDescriptor>();

function settle(target: object, key: PropertyKey, value: unknown): unknown {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  const pending = (target as WithPending)[kPending];
  if (pending !== undefined) pending[key] = undefined; // let the computation's captures go
  return value;
}

function accessorFor(key: PropertyKey): PropertyDescriptor {
  let descriptor = accessors.get(key);
  if (descriptor === undefined) {
    descriptor = {
      get(this: WithPending): unknown {
        const compute = this[kPending]?.[key];
        return settle(this, key, compute === undefined ? undefined : compute());
      },
      set(this: WithPending, value: unknown): void {
        settle(this, key, value);
      },
      enumerable: true,
      configurable: true,
    };
    accessors.set(key, descriptor);
  }
  return descriptor;
}

/**
 * Defines `key` on `target` as an enumerable field whose value `compute` makes on first read
 * (then kept as a plain data property). It reads, spreads, compares (`toEqual`), serialises and
 * can be assigned like any field; only the work is deferred. `compute` must depend on nothing
 * that changes after the call (the exchange is over when its result is built). Internal.
 */
export function lazyField<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const holder = target as unknown as WithPending;
  let pending = holder[kPending];
  if (pending === undefined) {
    pending = {};
    Object.defineProperty(target, kPending, { value: pending, writable: false, enumerable: false });
  }
  pending[key] = compute;
  Object.defineProperty(target, key, accessorFor(key));
}
