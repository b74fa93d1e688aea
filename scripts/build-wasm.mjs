#!/usr/bin/env node
// Part of `npm run build`: compiles the WebAssembly (SIMD) sources with AssemblyScript into
// dist/, beside the JavaScript that loads them. The .wasm files are build output, never
// committed; a processor whose .wasm is missing runs its pure-JavaScript path.
//
//   node scripts/build-wasm.mjs
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Source (AssemblyScript) and output, relative to the package root. */
const TARGETS = [['processors/pan-mask/wasm/regions.ts', 'dist/processors/pan-mask/wasm/regions.wasm']];

for (const [source, output] of TARGETS) {
  mkdirSync(new URL(`../${output}/..`, import.meta.url), { recursive: true });
  const { error, stderr } = await asc.main(
    [
      source,
      '--outFile',
      output,
      '-O3',
      '--runtime',
      'stub',
      '--noAssert',
      '--enable',
      'simd',
      '--baseDir',
      root,
    ],
    {},
  );
  if (error) {
    console.error(`build-wasm: ${source}: ${error.message}\n${stderr.toString()}`);
    process.exit(1);
  }
}
