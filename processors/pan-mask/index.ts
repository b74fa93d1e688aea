/**
 * `pan-mask`: finds payment card numbers (PANs) in request and response bodies, request headers
 * and the query, and masks them, rejects the exchange, or only counts them.
 *
 * ```yaml
 * - use: pan-mask
 *   options:
 *     action: mask            # mask | reject | detect
 *     keep: last4             # last4 | first6last4 | none
 *     headers: [x-card]
 *     directions: [request, response]
 * ```
 *
 * Bodies are scanned chunk by chunk in every body mode: bytes that could still be part of a
 * number are held back until the next chunk decides them, so a number split anywhere is still
 * found. Counts per brand and direction go to dynamic metadata (`attache.pan-mask` by default);
 * the number itself is never logged, stored or reported. See README.md beside this file.
 *
 * @module
 */
import {
  type ChunkContext,
  createStateKey,
  type Direction,
  definePlugin,
  type Handler,
  type HeadersContext,
  type HeaderView,
  type JsonValue,
  type PhaseContextBase,
  respond,
} from 'attache-extproc';
import { BRANDS, BUCKETS } from './brands.js';
import { mediaMatcher } from './content-type.js';
import { type Coding, codingOf, decode, encode } from './encoding.js';
import { type PanMaskOptions, panMaskOptions } from './options.js';
import type scanWorker from './scan-worker.js';
import type { ScanResult } from './scan-worker.js';
import { PanScanner, type ScannerConfig, START_STATE } from './scanner.js';

export { type PanMaskOptions, panMaskOptions } from './options.js';

const UNKNOWN = 0;
const PLAIN = 1;
const SKIP = 2;
const ENCODED = 3;

/** What one direction of one exchange has seen so far. */
interface DirectionState {
  kind: number;
  coding: Coding | null;
  /** The scanner's carry state for the held bytes. */
  scan: number;
  /** Numbers found, per bucket; null until the first one. */
  counts: Uint32Array | null;
  /** Encoded bodies passed unscanned (`encoded: pass`, an unknown coding, a partial body). */
  passed: number;
}

const stateKeys = {
  request: createStateKey<DirectionState>('pan-mask.request'),
  response: createStateKey<DirectionState>('pan-mask.response'),
} as const;

function stateOf(ctx: PhaseContextBase): DirectionState {
  const key = stateKeys[ctx.direction];
  let s = ctx.stream.get(key);
  if (s === undefined) {
    s = { kind: UNKNOWN, coding: null, scan: START_STATE, counts: null, passed: 0 };
    ctx.stream.set(key, s);
  }
  return s;
}

/** The `pan-mask` processor. */
export default definePlugin({
  name: 'pan-mask',
  options: panMaskOptions,
  async setup(options: PanMaskOptions, api) {
    const brandBits = (options.brands ?? []).reduce((bits, b) => bits | (1 << BRANDS.indexOf(b)), 0);
    const config: ScannerConfig = {
      mask: options.action === 'mask',
      keep: options.keep,
      maskByte: options.maskChar.charCodeAt(0),
      brands: brandBits,
    };
    // Header values and the query: small, scanned here.
    const scanner = new PanScanner(config);
    // Body chunks: large ones in the worker pool, through the same scanner code.
    const scans = await api.workers<typeof scanWorker>({
      module: './scan-worker.js',
      options: config,
      ...(options.workerThreshold === undefined ? {} : { threshold: options.workerThreshold }),
    });
    api.log.debug(
      { engine: scanner.engine },
      'pan-mask: scanner path (wasm: SIMD region pass, js: fallback)',
    );
    const scanned = mediaMatcher(options.contentTypes);
    const headerNames = options.headers.map((h) => h.toLowerCase());
    for (const name of headerNames) api.checkHeader(name, { block: 'request', op: 'set' });
    const limit = api.maxBodyBytes;
    const reject = () => respond(options.reject.status, { body: options.reject.body });
    const ns = options.metadataNamespace;
    const found = api.metrics.counter({
      name: 'pan_mask_pans_found_total',
      help: 'Card numbers (Luhn-valid PANs) pan-mask found, by plugin instance, direction and brand (other: no known brand)',
      labelNames: ['plugin', 'direction', 'brand'],
    });
    const unscanned = api.metrics.counter({
      name: 'pan_mask_bodies_unscanned_total',
      help: 'Bodies pan-mask passed without scanning: an unknown content-encoding, encoded: pass, or only a prefix of an encoded body',
      labelNames: ['plugin', 'direction'],
    });

    /** Adds a scan's finds (`finds`, per bucket) to the direction's counts and reports them. */
    function record(ctx: PhaseContextBase, s: DirectionState, finds: Uint32Array = scanner.counts): void {
      const counts = s.counts ?? new Uint32Array(BUCKETS.length);
      s.counts = counts;
      for (let b = 0; b < counts.length; b++) {
        const n = finds[b] as number;
        if (n === 0) continue;
        counts[b] = (counts[b] as number) + n;
        found.inc({ plugin: api.name, direction: ctx.direction, brand: BUCKETS[b] as string }, n);
      }
      report(ctx, s);
    }

    function report(ctx: PhaseContextBase, s: DirectionState): void {
      const values: Record<string, JsonValue> = {};
      let total = 0;
      if (s.counts !== null) {
        s.counts.forEach((n, b) => {
          if (n > 0) values[BUCKETS[b] as string] = n;
          total += n;
        });
      }
      values.total = total;
      if (s.passed > 0) values.encodedPassed = s.passed;
      ctx.setMetadata(ns, { [ctx.direction]: values });
    }

    /** Scans one whole value and counts what it holds; returns its masked form, or null when nothing was found. */
    function scanValue(ctx: PhaseContextBase, bytes: Buffer): Buffer | null {
      scanner.counts.fill(0);
      scanner.scan(bytes, START_STATE, true);
      if (scanner.found === 0) return null;
      record(ctx, stateOf(ctx));
      return scanner.out ?? bytes;
    }

    const requestHeaders: Handler<HeadersContext> = (ctx) => {
      for (const name of headerNames) {
        const values = ctx.headers.getRaw(name);
        const masked = values.map((v) => scanValue(ctx, v));
        if (masked.every((m) => m === null)) continue;
        if (options.action === 'reject') return reject();
        if (options.action === 'mask') {
          values.forEach((v, i) => {
            const out = masked[i] ?? v;
            if (i === 0) ctx.mutate.set(name, out);
            else ctx.mutate.append(name, out);
          });
        }
      }
      if (options.query) {
        const path = ctx.headers.getRaw(':path')[0];
        const q = path === undefined ? -1 : path.indexOf(0x3f);
        if (path !== undefined && q !== -1) {
          const masked = scanValue(ctx, path.subarray(q + 1));
          if (masked !== null) {
            if (options.action === 'reject') return reject();
            if (options.action === 'mask')
              ctx.mutate.set(':path', Buffer.concat([path.subarray(0, q + 1), masked]));
          }
        }
      }
      return undefined;
    };

    /** A body of `direction` passes unscanned. */
    function passUnscanned(s: DirectionState, direction: Direction): void {
      s.passed++;
      unscanned.inc({ plugin: api.name, direction });
    }

    function classify(s: DirectionState, headers: HeaderView | undefined, direction: Direction): void {
      const type = headers?.get('content-type');
      if (type !== undefined && !scanned(type)) {
        s.kind = SKIP;
        return;
      }
      const coding = codingOf(headers?.get('content-encoding'));
      if (coding === null) s.kind = PLAIN;
      else if (coding === undefined || options.encoded === 'pass') {
        s.kind = SKIP;
        passUnscanned(s, direction);
      } else {
        s.kind = ENCODED;
        s.coding = coding;
      }
    }

    const bodyChunk: Handler<ChunkContext> = (ctx) => {
      const s = stateOf(ctx);
      if (s.kind === UNKNOWN) {
        classify(s, ctx.headers, ctx.direction);
        if (s.passed > 0) report(ctx, s);
      }
      if (s.kind === SKIP) return undefined;
      const chunk = ctx.chunk;
      if (s.kind === ENCODED) return encodedChunk(ctx, s);
      const scan = scans.run(chunk.bytes(), ctx, { state: s.scan, last: chunk.last });
      // Inline (below the threshold) the result is here now: no promise, nothing awaited.
      return scan instanceof Promise ? scan.then((r) => applyScan(ctx, s, r)) : applyScan(ctx, s, scan);
    };

    /** Applies a chunk's scan: counts, then reject, mask, and the bytes to hold back. */
    function applyScan(ctx: ChunkContext, s: DirectionState, scan: ScanResult) {
      s.scan = scan.state;
      if (scan.found > 0) {
        record(ctx, s, scan.counts as Uint32Array);
        if (options.action === 'reject') return reject();
        if (scan.out !== null) ctx.mutate.replaceChunk(scan.out);
      }
      if (scan.hold > 0) ctx.holdBack(scan.hold);
      return undefined;
    }

    /** An encoded body is held whole (within the body limit), then decoded, scanned, re-encoded. */
    function encodedChunk(ctx: ChunkContext, s: DirectionState) {
      const chunk = ctx.chunk;
      if (!chunk.last) {
        ctx.holdBack(chunk.length);
        return undefined;
      }
      if (chunk.partial) {
        // Only a prefix of the encoded body: the rest passes unseen and cannot be re-encoded with it.
        passUnscanned(s, ctx.direction);
        report(ctx, s);
        return undefined;
      }
      const coding = s.coding as Coding;
      const decoded = decode(coding, chunk.bytes(), limit);
      scanner.counts.fill(0);
      scanner.scan(decoded, START_STATE, true);
      if (scanner.found === 0) return undefined;
      record(ctx, s);
      if (options.action === 'reject') return reject();
      if (scanner.out !== null) ctx.mutate.replaceChunk(encode(coding, scanner.out));
      return undefined;
    }

    const wants = (d: Direction) => options.directions.includes(d);
    return {
      ...(wants('request') && (headerNames.length > 0 || options.query) ? { requestHeaders } : {}),
      ...(wants('request') ? { requestBodyChunk: bodyChunk } : {}),
      ...(wants('response') ? { responseBodyChunk: bodyChunk } : {}),
    };
  },
});
