// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
P// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
-// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
-// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
A// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
v// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
j// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
U// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
F// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
F// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
R// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
D// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
M// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
q// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
M// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
U// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
F// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
F// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
R// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
D// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
A// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
&// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
@// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
&// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
1// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
_// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
3// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
1// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
K// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
T// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
v// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
k// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
2// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
^// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
3// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
v// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
P// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
+// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
@// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
+// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
P// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
+// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
@// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
\// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
+// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
2// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
*// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
*// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
3// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
A// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
>// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
/// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
k// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
k// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
>// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
v// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
U// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
F// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
F// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
R// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
D// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
T// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
M// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
1// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
_// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
q// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
{// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
:// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
P// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
O// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
S// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
T// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
=// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
h// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
w// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
2// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
?// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
S// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
g// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
A// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
@// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
,// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
'// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
?// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
q// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
m// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
?// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
b// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
d// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
y// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
?// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
?// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
f// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
0// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
B// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
r// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
 // Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
x// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
p// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
e// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
c// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
v// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
i// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
n// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
s// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
.// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
t// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
o// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
E// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
q// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
u// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
a// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
l// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
(// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
[// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
]// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
}// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
)// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
;// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
