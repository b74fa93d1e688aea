#!/usr/bin/env node
// Smoke test of the built CLI on the example app, run by CI after `npm run build`:
//   attache serve --config examples/app/attache.yaml   (plain Node: no vitest aliases, the plugin
//                                                       package and its `import 'attache'` resolve
//                                                       through node_modules)
//   attache send --target <that server> ...            (one exchange, driven as Envoy would)
// and checks that the plugin acted. Exit 0 on success, 1 with the server's log otherwise.
//
// Usage: npm run build && node examples/app/smoke.mjs

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../dist/src/cli/main.js');
const config = path.join(here, 'attache.yaml');
const DEADLINE_MS = 20_000;

if (!existsSync(cli)) {
  process.stderr.write(`smoke: ${cli} is missing; run \`npm run build\` first\n`);
  process.exit(1);
}

const server = spawn(
  process.execPath,
  [cli, 'serve', '--config', config, '--address', '127.0.0.1:0', '--admin-address', '127.0.0.1:0'],
  {
    stdio: ['ignore', 'inherit', 'pipe'],
  },
);
let log = '';
const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));

function fail(message) {
  process.stderr.write(`smoke: ${message}\n--- server log ---\n${log}------------------\n`);
  server.kill('SIGKILL');
  process.exit(1);
}

const timer = setTimeout(() => fail(`not done after ${DEADLINE_MS} ms`), DEADLINE_MS);

/** Resolves with the address from the server's `attache listening` log line (JSON on stderr). */
const listening = new Promise((resolve, reject) => {
  let pending = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    log += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'attache listening') resolve(entry.address);
      } catch {
        // not a log line (e.g. a startup error message): kept in `log`
      }
    }
  });
  exited.then(({ code, signal }) => reject(new Error(`server exited (${signal ?? code}) before listening`)));
});

try {
  const address = await listening;
  const { stdout } = await promisify(execFile)(process.execPath, [
    cli,
    'send',
    '--target',
    address,
    '--path',
    '/smoke',
    '-H',
    'x-correlation-id: smoke-1',
    '-H',
    'x-debug: 1',
    '--receive-namespace',
    'attache.correlation',
    '--json',
  ]).catch((error) => fail(`attache send failed (exit ${error.code}):\n${error.stdout}${error.stderr}`));
  const result = JSON.parse(stdout);
  const header = (list, name) => list?.find(([k]) => k === name)?.[1];
  const checks = [
    ['no protocol violations', result.violations.length === 0],
    ['the upstream got the id', header(result.upstream?.headers, 'x-correlation-id') === 'smoke-1'],
    ['the built-in removed x-debug', header(result.upstream?.headers, 'x-debug') === undefined],
    ['the client got the id back', header(result.downstream.headers, 'x-correlation-id') === 'smoke-1'],
    [
      'the built-in set x-served-by',
      header(result.downstream.headers, 'x-served-by') === 'attache-example-app',
    ],
    ['Envoy kept the metadata', result.dynamicMetadata['attache.correlation']?.source === 'client'],
  ];
  const failed = checks.filter(([, ok]) => !ok).map(([what]) => what);
  if (failed.length > 0) fail(`${failed.join(', ')}: not so\n${stdout}`);

  // SIGINT stops at once; SIGTERM would first drain for timeouts.drainDelayMs (10 s), which
  // src/cli/serve.test.ts covers.
  server.kill('SIGINT');
  const { code, signal } = await exited;
  if (code !== 0) fail(`server exited with ${signal ?? code} after SIGINT, not 0`);
  clearTimeout(timer);
  process.stdout.write(
    `smoke: attache serve loaded ${config} (plugin package by name) on ${address}; ` +
      `attache send saw the plugin and the built-in act; clean shutdown\n`,
  );
} catch (error) {
  fail(error.message);
}
