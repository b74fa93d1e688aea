#!/usr/bin/env node
// In-process cost of one streamed body chunk (no gRPC): decode the ProcessingRequest, run it
// through the stream state machine and the body chain, encode the replies. See bench/README.md.
//
//   npm run build && node bench/chunks.mjs [--chunks N] [--size BYTES] [--rounds R]
//
// Pipelines, measured interleaved in R rounds and reported as the median time per chunk and as
// a ratio to "none" (no body plugin: Envoy's chunks are answered without running a chain):
//   none      headers plugin only
//   chunk     a chunk plugin that reads each chunk and lets it through
//   mask      a chunk plugin that masks a word and holds back a possible partial match
//   whole     a whole-body plugin: chunks are collected, the body is run once at the end
// in STREAMED and FULL_DUPLEX_STREAMED.
import { parseArgs } from 'node:util';
import { createProcessor, definePlugin, silentLogger } from '../dist/src/index.js';
import { decodeRequest, encodeRequest, encodeResponse } from '../dist/src/protocol/codec.js';

const { values } = parseArgs({
  options: {
    chunks: { type: 'string', default: '2000' },
    size: { type: 'string', default: '4096' },
    rounds: { type: 'string', default: '5' },
  },
});
const CHUNKS = Number(values.chunks);
const SIZE = Number(values.size);
const ROUNDS = Number(values.rounds);

const plugin = (name, handlers) => definePlugin({ name, setup: () => handlers });
const WORD = 'SECRET';
const PIPELINES = {
  none: plugin('none', { requestHeaders() {} }),
  chunk: plugin('chunk', {
    requestBodyChunk(ctx) {
      if (ctx.chunk.bytes()[0] === 0) ctx.mutate.replaceChunk('');
    },
  }),
  mask: plugin('mask', {
    requestBodyChunk(ctx) {
      const text = ctx.chunk.bytes().toString('latin1');
      const masked = text.includes(WORD) ? text.replaceAll(WORD, '******') : text;
      let keep = 0;
      if (!ctx.chunk.last) {
        for (let n = WORD.length - 1; n > 0; n--) {
          if (WORD.startsWith(masked.slice(-n))) {
            keep = n;
            break;
          }
        }
      }
      if (masked !== text) ctx.mutate.replaceChunk(Buffer.from(masked, 'latin1'));
      ctx.holdBack(keep);
    },
  }),
  whole: plugin('whole', {
    requestBody(ctx) {
      ctx.mutate.replaceBody(ctx.body.bytes());
    },
  }),
};
const MODES = { STREAMED: 1, FULL_DUPLEX_STREAMED: 4 };

// Chunks whose last bytes start the word, so the masker holds back on every chunk.
const filler = Buffer.alloc(SIZE - 3, 0x61);
const chunkBytes = Buffer.concat([filler, Buffer.from('SEC')]);

function messages(mode) {
  const headers = encodeRequest({
    request: {
      $case: 'requestHeaders',
      value: { headers: { headers: [{ key: ':path', rawValue: Buffer.from('/') }] }, endOfStream: false },
    },
    protocolConfig: { requestBodyMode: mode, responseBodyMode: 0 },
  });
  const body = (eos) =>
    encodeRequest({ request: { $case: 'requestBody', value: { body: chunkBytes, endOfStream: eos } } });
  return { headers, chunk: body(false), last: body(true) };
}

function runOnce(processor, wire) {
  let replies = 0;
  const sink = {
    send: (r) => {
      encodeResponse(r);
      replies++;
    },
    end() {},
    fail(code, message) {
      throw new Error(`stream failed: ${code} ${message}`);
    },
  };
  const stream = processor.connect(sink, new Map());
  stream.message(decodeRequest(wire.headers));
  const start = process.hrtime.bigint();
  for (let i = 1; i < CHUNKS; i++) stream.message(decodeRequest(wire.chunk));
  stream.message(decodeRequest(wire.last));
  const ns = Number(process.hrtime.bigint() - start);
  stream.halfClose();
  if (replies === 0) throw new Error('no replies');
  return ns / CHUNKS;
}

const processors = {};
for (const [name, p] of Object.entries(PIPELINES)) {
  processors[name] = await createProcessor({ plugins: [{ plugin: p }], log: silentLogger });
}
const results = {};
for (const mode of Object.keys(MODES)) {
  const wire = messages(MODES[mode]);
  for (const name of Object.keys(PIPELINES)) runOnce(processors[name], wire); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(PIPELINES);
    const order = names.slice(round % names.length).concat(names.slice(0, round % names.length));
    for (const name of order) {
      (results[`${mode} ${name}`] ??= []).push(runOnce(processors[name], wire));
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${CHUNKS} chunks of ${SIZE} B per stream, ${ROUNDS} interleaved rounds, median per chunk:`);
for (const mode of Object.keys(MODES)) {
  const base = median(results[`${mode} none`]);
  for (const name of Object.keys(PIPELINES)) {
    const m = median(results[`${mode} ${name}`]);
    console.log(
      `  ${mode.padEnd(21)} ${name.padEnd(6)} ${(m / 1000).toFixed(2).padStart(6)} µs  x${(m / base).toFixed(2)}`,
    );
  }
}
