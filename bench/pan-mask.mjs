#!/usr/bin/env node
// Throughput of the pan-mask scanner on one core, its pure-JavaScript path and its WebAssembly
// (SIMD) path side by side, each figure next to a plain Buffer.indexOf pass over the same bytes
// in the same run (the memory-speed floor), as the issue asks:
//
//   npm run build && node bench/pan-mask.mjs [--rounds R] [--ms MS] [--cpu] [--quick] [--json]
//
// Bodies (1 MiB each, built deterministically):
//   clean-json      JSON records without card numbers (ids, amounts, dates, e-mails)
//   cards-json      the same records, one card number in every fifth (~1 per 1.3 KiB)
//   dense-cards     JSON with a card number every ~200 bytes
//   digit-text      digit-dense text: CSV of ids, amounts, dates, phone numbers, 16-digit ids
//                   failing Luhn
// Modes: `mask` (the default action: finds, masks into a copy; its rows also measure a bare new
// buffer + copy of the body, the floor of any masker that hands back a new buffer) and `detect`
// (counts only), on the whole buffer; `stream16k` runs cards-json as 16 KiB chunks with the held bytes put back in
// front of the next chunk, as the processor sees a streamed body, and is reported as a ratio to
// the whole-buffer mask figure of the same path. Each figure is the median of R rounds of at
// least MS ms; the rounds of one row's figures (indexOf, JS, wasm) take turns, so a change of
// load on the machine hits all of them alike. The wasm column is empty when the WebAssembly
// module was not built or cannot be loaded.
import { parseArgs } from 'node:util';
import { regionPass } from '../dist/processors/pan-mask/region-pass.js';
import { PanScanner, START_STATE } from '../dist/processors/pan-mask/scanner.js';
import { numberOption, UsageError } from './lib/cli-options.mjs';

const USAGE = `Usage: node bench/pan-mask.mjs [--rounds R] [--ms MS] [--cpu] [--quick] [--json]   (after npm run build)
  --rounds R   rounds per figure, the median is reported (default 7)
  --ms MS      minimum time of one round (default 300)
  --cpu        bytes per second of this process's CPU time (process.cpuUsage) instead of wall
               time: on a machine shared with other work, what one core does while it runs this
  --quick      one short round of each (CI: a crash check, no timing asserted)
  --json       print JSON instead of a table`;

let opts;
try {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '7' },
      ms: { type: 'string', default: '300' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      cpu: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  opts = {
    rounds: values.quick ? 1 : numberOption(values, 'rounds', 1, 100, true),
    ms: values.quick ? 20 : numberOption(values, 'ms', 1, 60_000, true),
    json: values.json,
    cpu: values.cpu,
  };
} catch (err) {
  if (!(err instanceof UsageError) && err?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw err;
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}

const MiB = 1 << 20;
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const CARDS = ['4111 1111 1111 1111', '5555555555554444', '3782-822463-10005', '6011000990139424'];

function fill(make) {
  const parts = [];
  let n = 0;
  for (let i = 0; n < MiB; i++) {
    const s = make(i);
    parts.push(s);
    n += Buffer.byteLength(s);
  }
  return Buffer.from(parts.join('')).subarray(0, MiB);
}

const record = (i, card) =>
  `{"id":${100000 + i},"name":"customer ${i}","email":"user${i}@example.com","amount":${(i * 37) % 1000}.${i % 100},` +
  `"currency":"EUR","created":"2026-12-06T21:${String(i % 60).padStart(2, '0')}:00Z","card":"${card}","tags":["a","b"]},`;

const BODIES = {
  'clean-json': fill((i) => record(i, 'none')),
  'cards-json': fill((i) => record(i, i % 5 === 0 ? (CARDS[i % 4] ?? '') : 'none')),
  'dense-cards': fill((i) =>
    `{"n":${i},"note":"paid with card","pan":"${CARDS[i % 4]}","at":"2026-12-06"},`.padEnd(200, ' '),
  ),
  'digit-text': fill(
    (i) =>
      `${digits(6)},${digits(3)}.${digits(2)},2026-12-${String(1 + (i % 28)).padStart(2, '0')},+49 1512 ${digits(7)},${digits(9)},${i % 3 === 0 ? `${digits(15)}${(Number(digits(1)) + 1) % 10}` : digits(4)}\n`,
  ),
};

const wasm = regionPass();
const config = (mask) => ({ mask, keep: 'last4', maskByte: 0x2a, brands: 0 });
/** Scanners per path and mode; the wasm path only when its module loaded. */
const scanners = {
  js: { mask: new PanScanner(config(true), null), detect: new PanScanner(config(false), null) },
  wasm:
    wasm === null
      ? null
      : { mask: new PanScanner(config(true), wasm), detect: new PanScanner(config(false), wasm) },
};

let sink = 0;
/** Median MB/s of each of `fns` over `bytes` per call, their rounds taking turns. */
function measure(fns, bytes) {
  const rates = fns.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    fns.forEach((fn, f) => {
      if (fn === null) return;
      let calls = 0;
      const start = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      let elapsed = 0;
      do {
        fn();
        calls++;
        elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      } while (elapsed < opts.ms);
      if (opts.cpu) {
        const used = process.cpuUsage(cpu);
        elapsed = (used.user + used.system) / 1000;
      }
      rates[f].push((calls * bytes) / (elapsed / 1000) / 1e6);
    });
  }
  return rates.map((list) => {
    if (list.length === 0) return null;
    list.sort((a, b) => a - b);
    return list[list.length >> 1];
  });
}

function whole(scanner, body) {
  return () => {
    scanner.counts.fill(0);
    scanner.scan(body, START_STATE, true);
    sink += scanner.found;
  };
}

/** The body as 16 KiB chunks, held bytes in front of the next chunk, outputs kept as a processor would send them. */
function streamed(scanner, body, size) {
  return () => {
    let carried = null;
    let state = START_STATE;
    for (let at = 0; at < body.length; at += size) {
      const piece = body.subarray(at, Math.min(body.length, at + size));
      const chunk = carried === null ? piece : Buffer.concat([carried, piece]);
      const last = at + size >= body.length;
      scanner.scan(chunk, state, last);
      const out = scanner.out ?? chunk;
      carried = scanner.hold > 0 ? out.subarray(out.length - scanner.hold) : null;
      state = scanner.state;
      sink += scanner.found;
    }
  };
}

/** What any masker that hands back a new buffer pays: a fresh buffer of the body's size, copied into. */
const copyPass = (body) => () => {
  const out = Buffer.allocUnsafe(body.length);
  out.set(body);
  sink += out[0];
};

const indexOfPass = (body) => () => {
  sink += body.indexOf(0x00);
};

const rows = [];
const round = (x) => (x === null ? null : Math.round(x));
const ratio = (a, b) => (a === null ? null : a / b);
for (const [name, body] of Object.entries(BODIES)) {
  scanners.js.detect.counts.fill(0);
  scanners.js.detect.scan(body, START_STATE, true);
  const found = scanners.js.detect.found;
  for (const mode of ['mask', 'detect']) {
    const [base, copy, js, wa] = measure(
      [
        indexOfPass(body),
        mode === 'mask' ? copyPass(body) : null,
        whole(scanners.js[mode], body),
        scanners.wasm === null ? null : whole(scanners.wasm[mode], body),
      ],
      body.length,
    );
    rows.push({
      body: name,
      mode,
      found,
      mbps: Math.round(wa ?? js),
      jsMbps: round(js),
      wasmMbps: round(wa),
      indexOfMbps: Math.round(base),
      copyMbps: round(copy),
      jsRatio: js / base,
      wasmRatio: ratio(wa, base),
    });
  }
}
const cards = BODIES['cards-json'];
const [base, jsWhole, jsStream, waWhole, waStream] = measure(
  [
    indexOfPass(cards),
    whole(scanners.js.mask, cards),
    streamed(scanners.js.mask, cards, 16 * 1024),
    scanners.wasm === null ? null : whole(scanners.wasm.mask, cards),
    scanners.wasm === null ? null : streamed(scanners.wasm.mask, cards, 16 * 1024),
  ],
  cards.length,
);
rows.push({
  body: 'cards-json',
  mode: 'stream16k',
  found: null,
  mbps: Math.round(waStream ?? jsStream),
  jsMbps: round(jsStream),
  wasmMbps: round(waStream),
  indexOfMbps: Math.round(base),
  jsRatio: jsStream / base,
  wasmRatio: ratio(waStream, base),
  jsVsWhole: jsStream / jsWhole,
  wasmVsWhole: waStream === null ? null : waStream / waWhole,
});

if (sink < 0) console.log(sink); // keeps the work observable
const meta = {
  node: process.version,
  wasm: wasm !== null,
  clock: opts.cpu ? 'cpu' : 'wall',
  rounds: opts.rounds,
  roundMs: opts.ms,
  bodyBytes: MiB,
};
const fixed = (x, digits, suffix = '') =>
  x === null || x === undefined ? '' : `${x.toFixed(digits)}${suffix}`;
if (opts.json) {
  console.log(JSON.stringify({ ...meta, rows }, null, 2));
} else {
  console.log(
    `pan-mask scanner, node ${meta.node}, median of ${opts.rounds} rounds of >= ${opts.ms} ms, 1 MiB bodies, MB per ${opts.cpu ? 'CPU' : 'wall-clock'} second` +
      (wasm === null ? ' (wasm path not loaded: run npm run build)' : ''),
  );
  console.log(
    '| body | mode | PANs | JS MB/s | wasm MB/s | Buffer.indexOf MB/s | JS / indexOf | wasm / indexOf | stream / whole (JS, wasm) | new buffer + copy MB/s |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const vsWhole =
      r.jsVsWhole === undefined ? '' : `${fixed(r.jsVsWhole, 2, 'x')}, ${fixed(r.wasmVsWhole, 2, 'x')}`;
    console.log(
      `| ${r.body} | ${r.mode} | ${r.found ?? ''} | ${r.jsMbps} | ${r.wasmMbps ?? ''} | ${r.indexOfMbps} | ${fixed(r.jsRatio, 3)} | ${fixed(r.wasmRatio, 3)} | ${vsWhole} | ${r.copyMbps ?? ''} |`,
    );
  }
}
