/**
 * The scanner's two paths, the WebAssembly region pass and pure JavaScript, give identical
 * results: the same masked bytes, counts, brands, hold and state after every chunk, over the
 * committed corpus and over random bodies cut at random points. Block boundaries of the region
 * pass are put inside short bodies (64- and 128-byte blocks) so that they too fall everywhere.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusBodies } from '../../test/support/pan-mask-corpus.js';
import { regionPass } from './region-pass.js';
import { type Keep, PanScanner, type ScannerConfig, START_STATE } from './scanner.js';

const wasm = regionPass();

/** What one scan of one chunk gave. */
interface Step {
  out: string | null;
  found: number;
  counts: number[];
  hold: number;
  state: number;
}

/** Scans `pieces` as one streamed body, each chunk after the bytes held back from the last. */
function run(scanner: PanScanner, pieces: Buffer[]): Step[] {
  const steps: Step[] = [];
  let carried = Buffer.alloc(0);
  let state = START_STATE;
  pieces.forEach((piece, i) => {
    const chunk = Buffer.concat([carried, piece]);
    scanner.counts.fill(0);
    scanner.scan(chunk, state, i === pieces.length - 1);
    const result = scanner.out ?? chunk;
    steps.push({
      out: scanner.out === null ? null : scanner.out.toString('hex'),
      found: scanner.found,
      counts: [...scanner.counts],
      hold: scanner.hold,
      state: scanner.state,
    });
    carried = Buffer.from(result.subarray(result.length - scanner.hold));
    state = scanner.state;
  });
  return steps;
}

function cut(body: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    pieces.push(body.subarray(prev, p));
    prev = p;
  }
  pieces.push(body.subarray(prev));
  return pieces;
}

const config = (keep: Keep = 'last4', mask = true, brands = 0): ScannerConfig => ({
  mask,
  keep,
  maskByte: 0x2a,
  brands,
});

/** A scanner per path: JavaScript only, and the region pass for every input length in `blockBytes` blocks. */
function pair(cfg: ScannerConfig, blockBytes: number): [PanScanner, PanScanner] {
  if (wasm === null) throw new Error('unreachable: checked by the first test');
  return [new PanScanner(cfg, null), new PanScanner(cfg, wasm.withBlockBytes(blockBytes), 0)];
}

describe('pan scanner: the WebAssembly and JavaScript paths agree', () => {
  it('the region pass is built and loads here (npm run build makes it)', () => {
    expect(wasm).not.toBeNull();
    expect(new PanScanner(config()).engine).toBe('wasm');
    expect(new PanScanner(config(), null).engine).toBe('js');
  });

  it('agrees on the committed corpus, whole and cut at every offset', () => {
    const bodies = corpusBodies();
    expect(bodies.length).toBeGreaterThan(1000);
    const [js, wa] = pair(config(), 64);
    const all = Buffer.from(bodies.join('\n'));
    expect(run(wa, [all])).toEqual(run(js, [all]));
    expect(run(wa, cut(all, [1000, 5000, 5001, 20_000]))).toEqual(
      run(js, cut(all, [1000, 5000, 5001, 20_000])),
    );
    for (const text of bodies) {
      const body = Buffer.from(text);
      for (let at = 0; at <= body.length; at++) {
        expect(run(wa, cut(body, [at]))).toEqual(run(js, cut(body, [at])));
      }
    }
  });

  // Digits, card numbers in every layout, separators, words, JSON escapes, non-ASCII.
  const token = fc.oneof(
    fc.stringMatching(/^[0-9]{1,24}$/),
    fc.constantFrom(
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '4111+1111+1111+1111',
      '378282246310005',
      '3782 822463 10005',
      '5555555555554444',
      '6011000990139424',
      '3530111333300000',
      '6200000000000005',
      '36227206271667',
      '6759649826438453',
      '4000056655665556',
      '1733520000000',
    ),
    fc.constantFrom(' ', '-', '+', '  ', ' -', '.', ',', ':', '"', '{', '}', '\n', '/'),
    fc.constantFrom('\\n', '\\t', '\\"', '\\u00e9', 'é', '€', '日本', '\u{1f4b3}'),
    fc.stringMatching(/^[a-zA-Z_]{1,6}$/),
  );
  const body = fc.array(token, { maxLength: 40 }).map((t) => Buffer.from(t.join('')));

  it('agrees on random bodies at random splits, in every keep mode and action', () => {
    fc.assert(
      fc.property(
        body,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom<Keep>('last4', 'first6last4', 'none'),
        fc.boolean(),
        fc.constantFrom(0, 1, 0b101, 0xff),
        fc.constantFrom(64, 128),
        (b, cuts, keep, mask, brands, blockBytes) => {
          const [js, wa] = pair(config(keep, mask, brands), blockBytes);
          const pieces = cut(b, cuts);
          expect(run(wa, pieces)).toEqual(run(js, pieces));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees on random bodies in 1-byte chunks', () => {
    fc.assert(
      fc.property(body, (b) => {
        const [js, wa] = pair(config(), 64);
        const pieces = [...b].map((x) => Buffer.from([x]));
        expect(run(wa, pieces)).toEqual(run(js, pieces));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on long bodies across its real block size, whole and streamed', () => {
    if (wasm === null) throw new Error('unreachable: checked by the first test');
    const parts: string[] = [];
    for (let i = 0, bytes = 0; bytes < 3 * wasm.blockBytes; i++) {
      const pan = i % 3 === 0 ? '4111 1111 1111 1111' : `${i}`.repeat(5);
      const part = `{"id":${i},"pan":"${pan}","at":"2026-12-0${i % 9}"},`;
      parts.push(part);
      bytes += part.length;
    }
    const long = Buffer.from(parts.join(''));
    const js = new PanScanner(config(), null);
    const wa = new PanScanner(config(), wasm);
    // A card number across the first block boundary, found by the region pass's carried masks.
    const edge = Buffer.concat([
      Buffer.alloc(wasm.blockBytes - 7, 0x61),
      Buffer.from(' 4111111111111111 '),
      long,
    ]);
    for (const b of [long, edge]) {
      expect(run(wa, [b])).toEqual(run(js, [b]));
      expect(run(wa, cut(b, [16_384, 100_000, wasm.blockBytes + 3]))).toEqual(
        run(js, cut(b, [16_384, 100_000, wasm.blockBytes + 3])),
      );
    }
    expect(run(wa, [edge])[0]?.found).toBeGreaterThan(1);
  });
});
