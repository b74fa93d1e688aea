#!/usr/bin/env node
// Fails (exit 1) when committed generated files are stale. Each check regenerates its output into a
// temporary directory (never into the working tree) and compares it byte for byte with the repository.
//
// Usage: node scripts/check-generated.mjs
//
// To add a check, append an entry to CHECKS: { name, generate(tmpRoot), compare: [{ dir, ignore? }] }.
// `generate` must write below tmpRoot using the same relative layout as the repository; every `dir`
// (relative to the repository root) is then compared in both directions.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runNode(script, args) {
  execFileSync(process.execPath, [path.join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const CHECKS = [
  {
    name: 'protos and TypeScript (npm run gen:protos)',
    generate: (tmpRoot) => runNode('scripts/gen-protos.mjs', ['--out-root', tmpRoot]),
    compare: [
      // protos/README.md is written by hand, everything else in protos/ is owned by the generator.
      { dir: 'protos', ignore: new Set(['README.md']) },
      { dir: 'src/gen' },
    ],
  },
  {
    // The Envoy API descriptor set the strict validator loads (src/envoy-config/envoy-api.ts).
    name: 'Envoy API descriptors (npm run gen:envoy-api)',
    generate: (tmpRoot) => runNode('scripts/gen-envoy-api.mjs', ['--out-root', tmpRoot]),
    compare: [{ dir: 'envoy/api' }],
  },
  {
    // What attache envoy / kgateway / envoy-gateway write for the quick start (needs npm run build).
    name: 'quick start Envoy, kgateway and Envoy Gateway configs (npm run gen:envoy)',
    generate: (tmpRoot) => runNode('scripts/gen-envoy-reference.mjs', ['--out-root', tmpRoot]),
    compare: [{ dir: 'envoy/quickstart' }, { dir: 'envoy/compose', ignore: new Set(['attache.yaml']) }],
  },
];

/** Sorted relative paths (with '/') of all files below dir; [] if dir does not exist. */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(abs, base));
    else out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Returns a list of human-readable differences between the repository's dir and the fresh one. */
function compareDir(freshRoot, { dir, ignore = new Set() }) {
  const committedDir = path.join(REPO_ROOT, dir);
  const freshDir = path.join(freshRoot, dir);
  const committed = new Set(listFiles(committedDir).filter((f) => !ignore.has(f)));
  const fresh = new Set(listFiles(freshDir).filter((f) => !ignore.has(f)));
  const diffs = [];
  for (const f of [...new Set([...committed, ...fresh])].sort()) {
    const rel = `${dir}/${f}`;
    if (!fresh.has(f)) diffs.push(`extra (not generated): ${rel}`);
    else if (!committed.has(f)) diffs.push(`missing: ${rel}`);
    else if (!readFileSync(path.join(committedDir, f)).equals(readFileSync(path.join(freshDir, f)))) {
      diffs.push(`differs: ${rel}`);
    }
  }
  return diffs;
}

function main() {
  let stale = false;
  for (const check of CHECKS) {
    const tmpRoot = mkdtempSync(path.join(tmpdir(), 'attache-check-generated-'));
    try {
      try {
        check.generate(tmpRoot);
      } catch (err) {
        console.error(`check-generated: ${check.name}: generator failed: ${err.message}`);
        stale = true;
        continue;
      }
      const diffs = check.compare.flatMap((c) => compareDir(tmpRoot, c));
      if (diffs.length === 0) {
        console.log(`ok: ${check.name}`);
      } else {
        stale = true;
        console.error(`STALE: ${check.name}`);
        for (const d of diffs) console.error(`  ${d}`);
      }
    } finally {
      rmSync(tmpRoot, { recursive: true, force: true });
    }
  }
  if (stale) {
    console.error('check-generated: generated files are stale; run the generators and commit the result');
    process.exit(1);
  }
}

main();
