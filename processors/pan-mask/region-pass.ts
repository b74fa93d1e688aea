/**
 * The WebAssembly (SIMD) pass that finds where card numbers can be (wasm/regions.ts, compiled
 * by `npm run build` into dist/), loaded once per thread; null when it cannot be loaded (not
 * built, or no WebAssembly SIMD), and the scanner then runs its pure-JavaScript path.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The calling convention this file speaks (wasm/regions.ts `ABI`). */
const ABI = 2;

/** Beside the compiled scanner in dist/; from the TypeScript sources, the build's output. */
const CANDIDATES = ['./wasm/regions.wasm', '../../dist/processors/pan-mask/wasm/regions.wasm'];

/** The part of the WebAssembly API used here (the project's ES and Node type libraries lack it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  abi(): number;
  inputPtr(): number;
  startsPtr(): number;
  blockBytes(): number;
  reset(): void;
  regions(len: number, base: number): number;
}

/**
 * The segment finder: {@link RegionPass.block} copies bytes of a buffer into WebAssembly memory
 * and reports the starts of the digit-and-separator segments of 12 bytes or more among them.
 * Its memory is allocated once and never grows.
 */
export class RegionPass {
  /** Most bytes one {@link RegionPass.block} call takes. */
  readonly blockBytes: number;
  /** Segment starts (absolute offsets in the buffer) written by the last call. */
  readonly starts: Int32Array;
  readonly #input: Uint8Array;
  readonly #exports: Exports;

  constructor(exports: Exports, blockBytes = exports.blockBytes()) {
    if (blockBytes % 64 !== 0 || blockBytes <= 0 || blockBytes > exports.blockBytes()) {
      throw new RangeError(`blockBytes must be a positive multiple of 64 up to ${exports.blockBytes()}`);
    }
    this.#exports = exports;
    this.blockBytes = blockBytes;
    const memory = exports.memory.buffer;
    this.#input = new Uint8Array(memory, exports.inputPtr(), blockBytes + 1);
    this.starts = new Int32Array(memory, exports.startsPtr(), Math.floor(blockBytes / 12) + 4);
  }

  /**
   * The same pass (same module instance and memory) in smaller blocks: tests use it to put
   * block boundaries inside short bodies.
   *
   * @internal
   */
  withBlockBytes(blockBytes: number): RegionPass {
    return new RegionPass(this.#exports, blockBytes);
  }

  /** Starts a buffer: the next {@link RegionPass.block} call is for its first block. */
  reset(): void {
    this.#exports.reset();
  }

  /**
   * Scans `buf[off, off + len)` (`len` at most {@link RegionPass.blockBytes}, and exactly that
   * unless the block ends the buffer); the blocks of one buffer go in order after a
   * {@link RegionPass.reset}. Returns how many starts it wrote to {@link RegionPass.starts}: those
   * of the segments of 12+ bytes whose 12th byte is in this block.
   */
  block(buf: Buffer, off: number, len: number): number {
    const input = this.#input;
    const end = off + len;
    // A buffer in one block is the common case, and Uint8Array#set of it allocates nothing (nor
    // does Buffer#copy of a part on Node 24; on Node 20 it makes one view per block).
    if (off === 0 && end === buf.length) input.set(buf);
    else buf.copy(input, 0, off, end);
    input[len] = end < buf.length ? (buf[end] as number) : 0;
    return this.#exports.regions(len, off);
  }
}

let loaded: RegionPass | null | undefined;

/** The thread's region pass, or null when the WebAssembly module is missing or cannot run here. */
export function regionPass(): RegionPass | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  const file = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((f) => existsSync(f));
  if (file === undefined) return loaded;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return loaded;
  try {
    const instance = new wasm.Instance(new wasm.Module(readFileSync(file)), {});
    const exports = instance.exports as unknown as Exports;
    if (exports.abi() === ABI) loaded = new RegionPass(exports);
  } catch {
    // Not loadable here (no SIMD support, a damaged file): the JavaScript path is as correct.
  }
  return loaded;
}
