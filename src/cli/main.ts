#!/usr/bin/env node
/**
 * The `attache` bin entry.
 *
 * @module
 */
import { run } from './run.js';

const args = process.argv.slice(2);
run(args).then((code) => {
  process.exitCode = code;
  // `attache serve` has stopped: its listeners are closed, its plugins' close() has run. A plugin
  // that left a timer or a socket behind must not keep the process (and its pod) alive.
  if (args[0] === 'serve') setTimeout(() => process.exit(code), 1_000).unref();
});
