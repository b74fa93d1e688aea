#!/usr/bin/env node
/**
 * The `attache` bin entry.
 *
 * @module
 */
import { run } from './run.js';

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
