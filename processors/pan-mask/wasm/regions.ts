/**
 * AssemblyScript (compiled to WebAssembly with SIMD by `npm run build`, see
 * scripts/build-wasm.mjs): finds where card numbers can be, 64 bytes per step.
 *
 * A card number lies inside a *segment*: a maximal run of digits and of single separators
 * (space, `-`, `+`) with a digit on both sides. A segment shorter than 12 bytes holds fewer than
 * 12 digits, so no PAN. This pass reports the start of every segment of at least 12 bytes; the
 * JavaScript scanner (../scanner.ts) decides those segments with the same logic as its pure-JS
 * path, and skips everything else without looking at it.
 *
 * The caller calls `reset`, then for each block of up to BLOCK bytes, in order: copies it into
 * `input`, puts the byte after it at `input[len]` (0 after the buffer's last byte), and calls
 * `regions`; a segment open at a block's end goes on in the next one. Starts are absolute
 * offsets in the caller's buffer.
 */

/** Bytes per block; a multiple of 64. */
const BLOCK: i32 = 262144;
/** Room for the byte after the block and the last 64-byte step's reads past it. */
const SLACK: i32 = 192;
/** Each reported segment has its 12th byte in this block: at most one per 12 bytes. */
const MAX_STARTS: i32 = BLOCK / 12 + 4;
/** Bumped whenever the calling convention changes, so a stale build is refused. */
const ABI: i32 = 2;

const input: usize = memory.data(BLOCK + SLACK, 16);
const starts: usize = memory.data(MAX_STARTS * 4, 16);

// The previous 64-byte step's masks, bit k for its byte k: digits, segment bytes, ends of 2-,
// 4- and 12-byte runs of segment bytes. A run crossing steps (and blocks) is seen through them.
let prevD: u64 = 0;
let prevM: u64 = 0;
let prevR2: u64 = 0;
let prevR4: u64 = 0;
let prevR12: u64 = 0;

export function abi(): i32 {
  return ABI;
}

export function inputPtr(): usize {
  return input;
}

export function startsPtr(): usize {
  return starts;
}

export function blockBytes(): i32 {
  return BLOCK;
}

/** Starts a buffer. */
export function reset(): void {
  prevD = 0;
  prevM = 0;
  prevR2 = 0;
  prevR4 = 0;
  prevR12 = 0;
}

function digitMask(v: v128): u64 {
  // Signed compare (one instruction on x86): subtracting 0xb0 (-80) takes the digits to -128..-119.
  return <u64>(<u32>i8x16.bitmask(i8x16.lt_s(i8x16.sub(v, i8x16.splat(<i8>-80)), i8x16.splat(<i8>-118))));
}

function sepMask(v: v128): u64 {
  const space = i8x16.eq(v, i8x16.splat(0x20));
  const dash = i8x16.eq(v, i8x16.splat(0x2d));
  const plus = i8x16.eq(v, i8x16.splat(0x2b));
  return <u64>(<u32>i8x16.bitmask(v128.or(v128.or(space, dash), plus)));
}

/**
 * Scans `input[0, len)`, bytes `base..base+len` of the caller's buffer. Writes the starts of
 * the segments of 12+ bytes whose 12th byte is in this block to `starts`, in order, and returns
 * how many. Every block but the last must be BLOCK bytes long.
 *
 * Branch-free per step but for the rare long segment: the runs are found with shifts (bit k of
 * `r4` says bytes k-3..k are all segment bytes), so the many short digit runs of ordinary text
 * (dates, amounts, ids) cost no mispredicted branch.
 */
export function regions(len: i32, base: i32): i32 {
  let found: i32 = 0;
  let pd = prevD;
  let pm = prevM;
  let p2 = prevR2;
  let p4 = prevR4;
  let p12 = prevR12;
  for (let o: i32 = 0; o < len; o += 64) {
    const p = input + <usize>o;
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    const v2 = v128.load(p, 32);
    const v3 = v128.load(p, 48);
    const d = digitMask(v0) | (digitMask(v1) << 16) | (digitMask(v2) << 32) | (digitMask(v3) << 48);
    if (d === 0) {
      pd = 0;
      pm = 0;
      p2 = 0;
      p4 = 0;
      p12 = 0;
      continue;
    }
    const s = sepMask(v0) | (sepMask(v1) << 16) | (sepMask(v2) << 32) | (sepMask(v3) << 48);
    const next: u64 = <u32>load<u8>(p, 64) - 0x30 < 10 ? 1 : 0;
    // A separator belongs to a segment when digits stand on both sides of it.
    let m = d | (s & ((d << 1) | (pd >> 63)) & ((d >> 1) | (next << 63)));
    const rest = len - o;
    if (rest < 64) m &= ((<u64>1) << (<u64>rest)) - 1;
    const r2 = m & ((m << 1) | (pm >> 63));
    const r4 = r2 & ((r2 << 2) | (p2 >> 62));
    const r8 = r4 & ((r4 << 4) | (p4 >> 60));
    const r12 = r8 & ((r4 << 8) | (p4 >> 56));
    // The 12th byte of each long run: the first byte of it that ends 12 segment bytes.
    let first = r12 & ~((r12 << 1) | (p12 >> 63));
    while (first !== 0) {
      const bit = <i32>ctz(first);
      store<i32>(starts + ((<usize>found) << 2), base + o + bit - 11);
      found++;
      first &= first - 1;
    }
    pd = d;
    pm = m;
    p2 = r2;
    p4 = r4;
    p12 = r12;
  }
  prevD = pd;
  prevM = pm;
  prevR2 = p2;
  prevR4 = p4;
  prevR12 = p12;
  return found;
}
