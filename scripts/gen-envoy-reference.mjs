#!/usr/bin/env node
// Writes envoy/quickstart/ and envoy/compose/envoy.yaml: what `attache envoy`, `attache kgateway` and `attache envoy-gateway`
// generate for examples/quickstart/attache.yaml (one serve process, namespace "attache"), with the
// built CLI (run `npm run build` first). scripts/check-generated.mjs regenerates them and fails when
// the committed files differ.
//
// Usage: node scripts/gen-envoy-reference.mjs [--out-root <dir>]

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const CONFIG = 'examples/quickstart/attache.yaml';

/** Output file → CLI arguments. */
export const OUTPUTS = {
  'envoy.yaml': ['envoy', '--config', CONFIG, '--processes', '1'],
  'kgateway.yaml': [
    'kgateway',
    '--config',
    CONFIG,
    '--namespace',
    'attache',
    '--image',
    'attache:quickstart',
  ],
  'envoy-gateway.yaml': [
    'envoy-gateway',
    '--config',
    CONFIG,
    '--namespace',
    'attache',
    '--image',
    'attache:quickstart',
  ],
};

/** The Envoy config docker-compose.yaml mounts (Envoy reaches the compose services by name). */
export const COMPOSE = ['envoy', '--config', 'envoy/compose/attache.yaml', '--processes', '1'];

function cli(args) {
  return execFileSync(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function generate({ outRoot = REPO_ROOT } = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run npm run build first`);
  const dir = path.join(outRoot, 'envoy', 'quickstart');
  mkdirSync(dir, { recursive: true });
  for (const [file, args] of Object.entries(OUTPUTS)) writeFileSync(path.join(dir, file), cli(args));
  mkdirSync(path.join(outRoot, 'envoy', 'compose'), { recursive: true });
  writeFileSync(path.join(outRoot, 'envoy', 'compose', 'envoy.yaml'), cli(COMPOSE));
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  let outRoot = REPO_ROOT;
  if (argv[0] === '--out-root' && argv[1] !== undefined) outRoot = path.resolve(argv[1]);
  else if (argv.length > 0) {
    console.error('usage: node scripts/gen-envoy-reference.mjs [--out-root <dir>]');
    process.exit(1);
  }
  console.log(`wrote ${path.relative(REPO_ROOT, generate({ outRoot }))}`);
}
