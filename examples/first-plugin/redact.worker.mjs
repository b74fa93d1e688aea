// redact.worker.mjs
// Runs in worker threads (and inline for small bodies), so plain JavaScript.
export default {
  // Once per thread: the expression is compiled there, not per body.
  setup: ({ pattern }) => new RegExp(pattern, 'g'),
  run: (bytes, re) => Buffer.from(Buffer.from(bytes).toString('latin1').replace(re, '[redacted]'), 'latin1'),
};
