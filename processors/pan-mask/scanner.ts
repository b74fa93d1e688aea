/**
 * The card-number (PAN) scanner: finds and masks Luhn-valid 12-19 digit numbers in bytes, with
 * no regular expression, no string decoding and no allocation when nothing is found.
 *
 * What counts as a number:
 * - a *segment* is a maximal run of digit groups joined by single separators (one space, one
 *   dash, or one `+`, a space in a form or query): `4111 1111 1111 1111`, `3782-822463-10005`,
 *   `4111+1111+1111+1111`, `4111111111111111`;
 * - a candidate is one or more whole groups of a segment (a digit run is never cut: a run that is
 *   part of a longer digit run is not a PAN), 12-19 digits, one kind of separator throughout;
 *   several groups must follow a card layout (4-4-...-4 with a last group of 1-4, 4-6-4, 4-6-5,
 *   4-4-5); groups are tried left to right, the longest candidate from each group first;
 * - a candidate joined by dashes, or next to a dash within its segment, must be the whole
 *   segment (`8123-123456789012` in a UUID is not a card; `12 4111 1111 1111 1111` holds one);
 * - a segment glued to a word (`ID4111...`, `DE89 3704...`, `ab-4111...`; a JSON escape such as
 *   `\n` is not a word), following a `+` (phone numbers) or a decimal point (`0.4111...`), holds
 *   no PAN; a candidate ending the segment is refused when a word or a decimal point follows it;
 * - the number must pass Luhn, must not start with 0, must not be a bare 13, 16 or 19 digit run
 *   starting with 1 (epoch milliseconds, microseconds, nanoseconds), and must be of a configured
 *   brand when brands are configured.
 *
 * Streaming: {@link PanScanner.scan} on a chunk that is not the last leaves `hold` (the trailing
 * bytes that could still be part of a number: the undecided digit groups, at most 57 bytes)
 * and `state` (what it must know about the bytes before them). Scanning the held bytes again in
 * front of the next chunk with that state gives exactly the whole-buffer result, whatever the
 * split.
 *
 * Speed: any PAN lies in a segment of at least 12 bytes. When the WebAssembly region pass
 * (region-pass.ts, SIMD) is built and loadable, it finds those segments 64 bytes at a time and
 * only they are parsed here; otherwise (or for short inputs) the pure-JavaScript path looks for
 * them itself: when the byte 11 ahead is neither a digit nor a separator, the 12 bytes up to it
 * are skipped without being looked at. Both paths give identical results (scanner-paths.test.ts).
 *
 * @module
 */
import { BUCKETS, brandOf } from './brands.js';
import { type RegionPass, regionPass } from './region-pass.js';

const DIGIT = 1;
const SEP = 2;
const WORD = 4;
const DS = DIGIT | SEP;
const DOT = 0x2e;
const PLUS = 0x2b;
const DASH = 0x2d;
const BACKSLASH = 0x5c;
const ZERO = 0x30;

/** Byte classes: digits, separators, and word bytes (ASCII letters and `_`). */
const CLASS = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
CLASS[0x20] = SEP;
CLASS[DASH] = SEP;
CLASS[PLUS] = SEP;
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = WORD;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = WORD;
CLASS[0x5f] = WORD;
/** Letters of JSON's one-letter escapes (`\n`, `\r`, `\t`, `\b`, `\f`). */
const ESCAPES = new Uint8Array(256);
for (const c of 'nrtbf') ESCAPES[c.charCodeAt(0)] = 1;

/** Which digits stay visible: PCI DSS allows at most the first 6 and the last 4. */
export type Keep = 'last4' | 'first6last4' | 'none';

/** What a scanner does with what it finds. */
export interface ScannerConfig {
  /** Mask found numbers (else only count them). */
  readonly mask: boolean;
  /** Visible digits of a masked number. */
  readonly keep: Keep;
  /** The byte written over each hidden digit (ASCII, not a digit). */
  readonly maskByte: number;
  /** Accepted brands as a bit set of brand indexes (`1 << index`); 0 accepts any Luhn-valid number. */
  readonly brands: number;
}

/** The state to start a body with. */
export const START_STATE = 0;

/**
 * Inputs shorter than this take the JavaScript path even when the region pass is loaded: for a
 * header value or a small chunk, copying into WebAssembly memory costs more than it saves.
 */
export const WASM_FROM = 256;

// Carry state, packed in one integer so carrying it allocates nothing:
// bits 0-7 the byte before the held bytes, 8-15 the one before it, 16-17 the segment mode
// (0 outside a segment, 1 after a separator inside one, 2 inside a digit run longer than 19),
// bit 18 whether that segment is tainted.
const MODE_NONE = 0;
const MODE_AFTER_SEP = 1;
const MODE_LONG_RUN = 2;
const LONG = 99; // the length recorded for a group longer than any PAN
const RING = 32; // groups in the window: at most 20 (19 digits, one more group)

function packState(p1: number, p2: number, mode: number, tainted: boolean): number {
  return p1 | (p2 << 8) | (mode << 16) | (tainted ? 1 << 18 : 0);
}

/**
 * A reusable scanner. One per plugin instance is enough: a scan is synchronous and keeps
 * nothing between calls except what it returns in `hold` and `state`.
 */
export class PanScanner {
  /** Numbers found per bucket ({@link BUCKETS} order); added to by every scan, reset by the caller. */
  readonly counts = new Uint32Array(BUCKETS.length);
  /** Numbers found by the last scan. */
  found = 0;
  /** The masked copy of the last scan's input, or null when nothing was masked. */
  out: Buffer | null = null;
  /** Trailing bytes of the last (non-final) scan's input to hold back. */
  hold = 0;
  /** The state to scan the held bytes (and what follows) with. */
  state = START_STATE;

  readonly #config: ScannerConfig;
  readonly #regions: RegionPass | null;
  readonly #wasmFrom: number;
  readonly #gStart = new Int32Array(RING);
  readonly #gEnd = new Int32Array(RING);
  readonly #gLen = new Uint8Array(RING);
  readonly #gSep = new Uint8Array(RING);
  #head = 0;
  #count = 0;
  #sum = 0;
  /** Whether the window's first group is its segment's first group. */
  #headFirst = false;
  #tainted = false;
  #buf: Buffer = Buffer.alloc(0);
  #final = true;
  #in = START_STATE;

  /**
   * `regions`: the WebAssembly region pass to use (the thread's one by default; null: the
   * JavaScript path only); `wasmFrom`: the shortest input it is used for.
   */
  constructor(config: ScannerConfig, regions: RegionPass | null = regionPass(), wasmFrom = WASM_FROM) {
    this.#config = config;
    this.#regions = regions;
    this.#wasmFrom = wasmFrom;
  }

  /** Which path finds the segments of inputs of {@link WASM_FROM} bytes or more. */
  get engine(): 'wasm' | 'js' {
    return this.#regions === null ? 'js' : 'wasm';
  }

  /**
   * Scans `buf`. `state` is {@link START_STATE} at the start of a body, else the previous scan's
   * `state` (with its held bytes in front of `buf`). `final`: nothing follows, hold nothing.
   */
  scan(buf: Buffer, state: number, final: boolean): void {
    this.found = 0;
    this.out = null;
    this.hold = 0;
    this.state = START_STATE;
    this.#buf = buf;
    this.#final = final;
    this.#in = state;
    const n = buf.length;
    let i = 0;
    const mode = (state >>> 16) & 3;
    if (mode !== MODE_NONE) {
      if (n === 0) {
        if (!final) this.state = state;
        return;
      }
      if (mode === MODE_LONG_RUN || CLASS[buf[0] as number] === DIGIT) {
        i = this.#segment(0, mode, ((state >>> 18) & 1) === 1);
        if (i < 0) return;
      }
    }
    if (this.#regions !== null && n - i >= this.#wasmFrom) {
      i = this.#fromRegions(this.#regions, i);
      if (i < 0 || (!final && this.#tail(i) < 0)) return;
      if (!final) this.state = packState(this.#byteBefore(n), this.#byteBefore(n - 1), MODE_NONE, false);
      return;
    }
    let e = 0;
    while (i < n) {
      const probe = i + 11;
      if (probe < n) {
        const c = CLASS[buf[probe] as number] as number;
        // Neither a digit nor a separator between two digits (runs of spaces: indentation,
        // padding) can be inside a PAN. The byte after `probe` must be in the buffer: a
        // separator at its very end may join a group of the next chunk.
        if (
          (c & DS) === 0 ||
          (c === SEP &&
            probe + 1 < n &&
            (CLASS[buf[probe - 1] as number] !== DIGIT || CLASS[buf[probe + 1] as number] !== DIGIT))
        ) {
          i = probe + 1;
          continue;
        }
        let k = probe;
        // Back to the start of the digits-and-single-separators run (two separators end it).
        while (
          k > i &&
          ((CLASS[buf[k - 1] as number] as number) & DS) !== 0 &&
          !(CLASS[buf[k - 1] as number] === SEP && CLASS[buf[k] as number] === SEP)
        ) {
          k--;
        }
        i = k;
        while (i <= probe && CLASS[buf[i] as number] !== DIGIT) i++;
        if (i > probe) continue;
        e = probe + 1; // i..probe are digits and separators already
      } else {
        while (i < n && CLASS[buf[i] as number] !== DIGIT) i++;
        if (i >= n) break;
        e = i + 1;
      }
      // A run of digits and separators shorter than any PAN, ending inside the buffer, holds none.
      while (e < n && e - i < 12 && ((CLASS[buf[e] as number] as number) & DS) !== 0) e++;
      if (e < n && e - i < 12) {
        i = e;
        continue;
      }
      i = this.#segment(i, MODE_NONE, false);
      if (i < 0) return;
    }
    if (!final) this.state = packState(this.#byteBefore(n), this.#byteBefore(n - 1), MODE_NONE, false);
  }

  /**
   * Parses the segments of 12 bytes or more the region pass finds from `i` on: the ones the
   * JavaScript path's skip-ahead stops at (any shorter one it parses holds no PAN). Returns the
   * index to go on from, or -1 when a segment set `hold` and `state`.
   */
  #fromRegions(regions: RegionPass, i: number): number {
    const buf = this.#buf;
    const n = buf.length;
    const size = regions.blockBytes;
    const starts = regions.starts;
    regions.reset();
    for (let off = 0; off < n; off += size) {
      const found = regions.block(buf, off, Math.min(size, n - off));
      for (let r = 0; r < found; r++) {
        const s = starts[r] as number;
        if (s < i) continue; // inside the segment resumed from the previous chunk
        // A tainted segment holds no PAN, and with nothing after this buffer it holds nothing back.
        if (this.#final && this.#leftTainted(s)) continue;
        i = this.#segment(s, MODE_NONE, false);
        if (i < 0) return -1;
      }
    }
    return i;
  }

  /**
   * The one short segment a non-final scan must still parse: the last, when it reaches the end
   * of the buffer, or all but a separator there (it may go on in the next chunk, so it is held).
   * Mirrors the JavaScript path, which parses a run that reaches the end whatever its length
   * (a segment ending in a decimal point before the end is not one). Returns -1 when it holds.
   */
  #tail(i: number): number {
    const buf = this.#buf;
    let p = buf.length;
    if (p > 0 && CLASS[buf[p - 1] as number] === SEP) p--;
    if (p === 0 || CLASS[buf[p - 1] as number] !== DIGIT) return i;
    let s = p - 1;
    for (;;) {
      while (s > 0 && CLASS[buf[s - 1] as number] === DIGIT) s--;
      if (s < 2 || CLASS[buf[s - 1] as number] !== SEP || CLASS[buf[s - 2] as number] !== DIGIT) break;
      s -= 2;
    }
    return s < i ? i : this.#segment(s, MODE_NONE, false);
  }

  /** The byte before `pos`, looking into the carried state for positions before the buffer. */
  #byteBefore(pos: number): number {
    if (pos >= 1) return this.#buf[pos - 1] as number;
    if (pos === 0) return this.#in & 0xff;
    if (pos === -1) return (this.#in >>> 8) & 0xff;
    return 0;
  }

  /** Whether the segment starting at `s` is glued to a word, a `+` or a decimal point. */
  #leftTainted(s: number): boolean {
    const p1 = this.#byteBefore(s);
    const p2 = this.#byteBefore(s - 1);
    // `\n`, `\t`... in a JSON string end the previous line, they do not glue a word to the number.
    if (CLASS[p1] === WORD) return !(p2 === BACKSLASH && ESCAPES[p1] === 1);
    if (p1 === PLUS) return true;
    const c2 = CLASS[p2];
    return (p1 === DOT && c2 === DIGIT) || (p1 === DASH && c2 === WORD);
  }

  /**
   * Parses the segment from `s` (its start, or the resumed position in `mode`), deciding its
   * candidates; returns the index after its last digit, or -1 when it set `hold` and `state`.
   */
  #segment(s: number, mode: number, tainted: boolean): number {
    const buf = this.#buf;
    const n = buf.length;
    this.#tainted = mode === MODE_NONE ? this.#leftTainted(s) : tainted;
    if (this.#tainted && mode === MODE_NONE) {
      // A tainted segment holds no PAN: only where it ends matters (a phone number, an IBAN),
      // unless it may go on in the next chunk, which the full parse below holds back.
      let j = s;
      for (;;) {
        while (j < n && CLASS[buf[j] as number] === DIGIT) j++;
        if (j + 1 >= n || CLASS[buf[j] as number] !== SEP || CLASS[buf[j + 1] as number] !== DIGIT) break;
        j++;
      }
      if (this.#final || j + 1 < n) return j;
    }
    this.#head = 0;
    this.#count = 0;
    this.#sum = 0;
    this.#headFirst = mode === MODE_NONE;
    let j = s;
    // A resumed segment's first group follows the separator the state remembers.
    let sep = mode === MODE_AFTER_SEP ? this.#byteBefore(0) : 0;
    let longRun = mode === MODE_LONG_RUN;
    for (;;) {
      const gStart = j;
      while (j < n && CLASS[buf[j] as number] === DIGIT) j++;
      const len = longRun || j - gStart > 19 ? LONG : j - gStart;
      longRun = false;
      if (j === n && !this.#final) {
        if (len === LONG) {
          // The run goes on in the next chunk, but no PAN can include it: decide what precedes.
          this.#push(gStart, j, len, sep);
          this.#decide(false, false);
          this.state = packState(0, 0, MODE_LONG_RUN, this.#tainted);
          return -1;
        }
        return this.#holdFrom(this.#count > 0 ? (this.#gStart[this.#head] as number) : gStart, s, mode);
      }
      this.#push(gStart, j, len, sep);
      this.#decide(false, false);
      if (j < n && CLASS[buf[j] as number] === SEP) {
        if (j + 1 < n) {
          if (CLASS[buf[j + 1] as number] === DIGIT) {
            sep = buf[j] as number;
            j++;
            continue;
          }
        } else if (!this.#final) {
          if (this.#count > 0) return this.#holdFrom(this.#gStart[this.#head] as number, s, mode);
          this.state = packState(buf[j] as number, buf[j - 1] as number, MODE_AFTER_SEP, this.#tainted);
          return -1;
        }
      }
      let lastTainted = false;
      if (j < n) {
        const c = buf[j] as number;
        if (CLASS[c] === WORD) lastTainted = true;
        else if (c === DOT) {
          if (j + 1 < n) lastTainted = CLASS[buf[j + 1] as number] === DIGIT;
          else if (!this.#final && this.#count > 0) {
            return this.#holdFrom(this.#gStart[this.#head] as number, s, mode);
          }
        }
      }
      this.#decide(true, lastTainted);
      return j;
    }
  }

  /** Holds back from `h` (a group start) to the end; `s` and `mode` say where the segment began. */
  #holdFrom(h: number, s: number, mode: number): number {
    this.hold = this.#buf.length - h;
    this.state =
      h === s && mode === MODE_NONE
        ? packState(this.#byteBefore(h), this.#byteBefore(h - 1), MODE_NONE, false)
        : packState(this.#byteBefore(h), this.#byteBefore(h - 1), MODE_AFTER_SEP, this.#tainted);
    return -1;
  }

  #push(start: number, end: number, len: number, sep: number): void {
    const g = (this.#head + this.#count) & (RING - 1);
    this.#gStart[g] = start;
    this.#gEnd[g] = end;
    this.#gLen[g] = len;
    this.#gSep[g] = sep;
    this.#count++;
    this.#sum += len;
  }

  /**
   * Decides the window's first groups while that is possible: when `ended` (the segment ended;
   * `lastTainted` refuses a candidate holding its last group) or while the window holds more
   * digits than a PAN, so that every candidate from its first group is complete.
   */
  #decide(ended: boolean, lastTainted: boolean): void {
    const gLen = this.#gLen;
    const gSep = this.#gSep;
    while (this.#count > 0 && (ended || this.#sum > 19)) {
      const head = this.#head;
      const count = this.#count;
      let taken = 1;
      const first = gLen[head] as number;
      if (!this.#tainted && first <= 19) {
        // The longest candidate from this group: whole groups, one kind of separator, <= 19 digits.
        let e = 0;
        let total = first;
        const sep0 = count > 1 ? (gSep[(head + 1) & (RING - 1)] as number) : 0;
        while (e + 1 < count) {
          const g = (head + e + 1) & (RING - 1);
          if (gSep[g] !== sep0 || total + (gLen[g] as number) > 19) break;
          total += gLen[g] as number;
          e++;
        }
        const before = this.#headFirst ? 0 : (gSep[head] as number);
        for (; e >= 0 && total >= 12; e--) {
          const last = (head + e) & (RING - 1);
          const whole = this.#headFirst && ended && e === count - 1;
          const after = e < count - 1 ? (gSep[(last + 1) & (RING - 1)] as number) : 0;
          const dashed = before === DASH || after === DASH || (e > 0 && sep0 === DASH);
          if (
            !(ended && lastTainted && e === count - 1) &&
            (whole || !dashed) &&
            (e === 0 || this.#cardLayout(head, e)) &&
            this.#accept(this.#gStart[head] as number, this.#gEnd[last] as number, total, e === 0)
          ) {
            taken = e + 1;
            break;
          }
          total -= gLen[last] as number;
        }
      }
      for (let k = 0; k < taken; k++) this.#sum -= gLen[(this.#head + k) & (RING - 1)] as number;
      this.#head = (this.#head + taken) & (RING - 1);
      this.#count -= taken;
      this.#headFirst = false;
    }
  }

  /** Whether groups `head..head+e` (e >= 1) are laid out as card numbers are printed. */
  #cardLayout(head: number, e: number): boolean {
    const len = (k: number) => this.#gLen[(head + k) & (RING - 1)] as number;
    if (len(0) !== 4) return false;
    if (e === 2 && ((len(1) === 6 && (len(2) === 4 || len(2) === 5)) || (len(1) === 4 && len(2) === 5))) {
      return true;
    }
    for (let k = 1; k < e; k++) if (len(k) !== 4) return false;
    return len(e) <= 4;
  }

  /** Checks the candidate `[from, to)` of `len` digits; counts and masks it if it is a PAN. */
  #accept(from: number, to: number, len: number, plain: boolean): boolean {
    const buf = this.#buf;
    let sum = 0;
    let odd = false;
    for (let k = to - 1; k >= from; k--) {
      const c = buf[k] as number;
      if (CLASS[c] !== DIGIT) continue;
      let d = c - ZERO;
      if (odd) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      odd = !odd;
    }
    if (sum % 10 !== 0) return false;
    const lead = buf[from] as number;
    if (lead === ZERO) return false;
    if (plain && lead === ZERO + 1 && (len === 13 || len === 16 || len === 19)) return false;
    let iin = 0;
    for (let k = from, got = 0; got < 6; k++) {
      const c = buf[k] as number;
      if (CLASS[c] !== DIGIT) continue;
      iin = iin * 10 + (c - ZERO);
      got++;
    }
    const brand = brandOf(iin, len);
    const config = this.#config;
    if (config.brands !== 0 && (config.brands & (1 << brand)) === 0) return false;
    (this.counts[brand] as number)++;
    this.found++;
    if (config.mask) this.#mask(from, to, len);
    return true;
  }

  #mask(from: number, to: number, len: number): void {
    if (this.out === null) {
      this.out = Buffer.allocUnsafe(this.#buf.length);
      // Uint8Array#set is a plain memory copy; Buffer#copy goes through a slower path on Node 20.
      this.out.set(this.#buf);
    }
    const out = this.out;
    const keep = this.#config.keep;
    const lastVisible = keep === 'none' ? len : len - 4;
    // first6last4 shows the first six only where at least six digits stay hidden (16+ digits).
    const firstVisible = keep === 'first6last4' && len >= 16 ? 6 : 0;
    const byte = this.#config.maskByte;
    for (let k = from, d = 0; k < to; k++) {
      if (CLASS[out[k] as number] !== DIGIT) continue;
      if (d >= firstVisible && d < lastVisible) out[k] = byte;
      d++;
    }
  }
}
