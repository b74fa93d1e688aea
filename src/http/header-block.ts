/**
 * The header list of one Envoy message as the header map reads it: names, and each value as
 * bytes. Either a list of where the values lie in the received message (what the request
 * decoder makes: no object and no Buffer per header until a value is read), or values already
 * held as Buffers (any other source). One class for both, so the map's reads stay monomorphic.
 *
 * @module
 */

/** @internal A header as it arrives from Envoy: `raw_value` bytes (§3.1), `value` only from old Envoys. */
export interface SourceHeader {
  readonly key?: string | undefined;
  readonly value?: string | undefined;
  readonly rawValue?: Buffer | Uint8Array | undefined;
}

const EMPTY = Buffer.alloc(0);

/** A header's value bytes: `raw_value`, or `value` as UTF-8 when `raw_value` is empty. */
function sourceBytes(h: SourceHeader): Buffer {
  const raw = h.rawValue;
  if (raw !== undefined && raw.length > 0) {
    return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  // Envoy ≥1.32 fills raw_value only; `value` is a fallback for hand-built messages.
  return h.value ? Buffer.from(h.value, 'utf8') : EMPTY;
}

/** @internal One message's header list (see the module comment). Never changed once made. */
export class HeaderBlock {
  /** Each header's name, in order (`''` for a header without one). */
  readonly names: readonly string[];
  readonly #buf: Buffer;
  /** Start and end offset in `#buf` of each value, two per header; or `null` when `#values` holds them. */
  readonly #bounds: readonly number[] | null;
  readonly #values: readonly Buffer[] | null;

  private constructor(
    names: readonly string[],
    buf: Buffer,
    bounds: readonly number[] | null,
    values: readonly Buffer[] | null,
  ) {
    this.names = names;
    this.#buf = buf;
    this.#bounds = bounds;
    this.#values = values;
  }

  /** Headers whose value `i` is `buf[bounds[2i], bounds[2i + 1])`. */
  static wire(buf: Buffer, names: readonly string[], bounds: readonly number[]): HeaderBlock {
    return new HeaderBlock(names, buf, bounds, null);
  }

  /** Headers with these names and values (parallel lists). */
  static of(names: readonly string[], values: readonly Buffer[]): HeaderBlock {
    return new HeaderBlock(names, EMPTY, null, values);
  }

  /** The headers of a decoded header list, in Envoy's `HeaderValue` shape. */
  static from(list: readonly SourceHeader[]): HeaderBlock {
    return HeaderBlock.of(
      list.map((h) => h.key ?? ''),
      list.map((h) => sourceBytes(h)),
    );
  }

  /** Number of headers. */
  get length(): number {
    return this.names.length;
  }

  /** The bytes of value `i` (a view of the received message for a wire block). */
  value(i: number): Buffer {
    const bounds = this.#bounds;
    if (bounds === null) return (this.#values as readonly Buffer[])[i] as Buffer;
    const start = bounds[2 * i] as number;
    const end = bounds[2 * i + 1] as number;
    return start === end ? EMPTY : this.#buf.subarray(start, end);
  }

  /** Value `i` decoded as UTF-8 (for a wire block, without making a view of it). */
  text(i: number): string {
    const bounds = this.#bounds;
    if (bounds === null) return ((this.#values as readonly Buffer[])[i] as Buffer).toString('utf8');
    return this.#buf.toString('utf8', bounds[2 * i] as number, bounds[2 * i + 1] as number);
  }

  /** The length of value `i`, without making a view of it. */
  valueLength(i: number): number {
    const bounds = this.#bounds;
    if (bounds === null) return ((this.#values as readonly Buffer[])[i] as Buffer).length;
    return (bounds[2 * i + 1] as number) - (bounds[2 * i] as number);
  }
}
