/**
 * bench/pan-mask.mjs runs (a crash check, as CI's `bench --quick`): every figure is there, for
 * the JavaScript and the WebAssembly path, each with its same-run Buffer.indexOf baseline, and the bodies hold the card numbers they should.
 * No timing is asserted.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('pan-mask.mjs', import.meta.url));

it('bench/pan-mask.mjs --quick --json reports every body and mode, both paths, against its baseline', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--quick', '--json']);
  const result = JSON.parse(stdout) as {
    wasm: boolean;
    rows: {
      body: string;
      mode: string;
      found: number | null;
      mbps: number;
      jsMbps: number;
      wasmMbps: number | null;
      indexOfMbps: number;
    }[];
  };
  expect(result.rows.map((r) => `${r.body}/${r.mode}`)).toEqual([
    'clean-json/mask',
    'clean-json/detect',
    'cards-json/mask',
    'cards-json/detect',
    'dense-cards/mask',
    'dense-cards/detect',
    'digit-text/mask',
    'digit-text/detect',
    'cards-json/stream16k',
  ]);
  // npm test builds first, and the build makes the WebAssembly module: both paths are measured.
  expect(result.wasm).toBe(true);
  for (const r of result.rows) {
    expect(r.mbps).toBeGreaterThan(0);
    expect(r.jsMbps).toBeGreaterThan(0);
    expect(r.wasmMbps).toBeGreaterThan(0);
    expect(r.indexOfMbps).toBeGreaterThan(0);
  }
  const found = Object.fromEntries(
    result.rows.filter((r) => r.mode === 'detect').map((r) => [r.body, r.found]),
  );
  expect(found['clean-json']).toBe(0);
  expect(found['cards-json']).toBeGreaterThan(1000);
  expect(found['dense-cards']).toBeGreaterThan(5000);
}, 60_000);
