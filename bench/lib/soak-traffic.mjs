// The soak's traffic: Envoy's side of ext_proc `Process` streams over node:http2, a mix of
// exchange kinds (see soak-server.mjs for what the server does with each), every reply decoded
// and checked, and every stream given one outcome:
//   ok         every expected reply arrived and was right (a graceful close also needs status 0)
//   failed     a planned plugin failure answered as its failure mode says (open: the message
//              passed on unchanged; closed: the 500 answer)
//   cancelled  the client reset it mid-stream on purpose (mid-body, or while a handler runs)
//   lost       a message without its reply (or, closing gracefully, no status) within the budget,
//              or the stream closed before its replies
//   wrong      a reply that is not the expected one, or a gRPC error status
// A stream still open (no `close` event) when the run ends is hung.
import http2 from 'node:http2';
import { decodeResponse, encodeRequest } from '../../dist/src/protocol/codec.js';
import { FrameReader, GRPC_REQUEST_HEADERS } from './grpc-frames.mjs';
import { grpcFrame, requestMessage, scenarioBodies } from './messages.mjs';
import { prng } from './prng.mjs';

const { NGHTTP2_CANCEL } = http2.constants;
/** Envoy's BodySendMode values (processing_mode.proto). */
const STREAMED = 1;
const BUFFERED = 2;
const CHUNKS = 4;
const CHUNK_BYTES = 1024;
/** How long `cancel-handler` lets the (50 ms) failing handler run before resetting. */
const CANCEL_HANDLER_MS = 20;
const WINDOW = 16 * 1024 * 1024;

/** Share of each kind in the mix, in percent. */
export const MIX = {
  headers: 40,
  buffered: 12,
  streamed: 10,
  immediate: 8,
  'throw-open': 5,
  'slow-open': 3,
  'throw-closed': 5,
  'slow-closed': 3,
  'cancel-body': 7,
  'cancel-handler': 7,
};
export const KINDS = Object.keys(MIX);
export const OUTCOMES = ['ok', 'failed', 'cancelled', 'lost', 'wrong'];

/** The request headers message of `kind`, with the filter's body mode. */
function headersFrame(kind, bodyMode) {
  const base = requestMessage('headers');
  const headers = [...base.request.value.headers.headers, { key: 'x-soak', rawValue: Buffer.from(kind) }];
  return grpcFrame(
    encodeRequest({
      request: {
        $case: 'requestHeaders',
        value: { headers: { headers }, endOfStream: bodyMode === 0 },
      },
      protocolConfig: { requestBodyMode: bodyMode, responseBodyMode: 0 },
    }),
  );
}

const bodyFrame = (body, endOfStream) =>
  grpcFrame(encodeRequest({ request: { $case: 'requestBody', value: { body, endOfStream } } }));

// Reply checks: each returns null when the reply is right, else why not.
const caseOf = (reply) => reply.response?.$case;
const headersReply = (reply) =>
  caseOf(reply) === 'requestHeaders' ? null : `expected a requestHeaders reply, got ${caseOf(reply)}`;
const setHeaders = (reply) => reply.response.value.response?.headerMutation?.setHeaders ?? [];
const genSet = (reply) => {
  const why = headersReply(reply);
  if (why !== null) return why;
  const gen = setHeaders(reply).find((h) => h.header?.key === 'x-soak-gen');
  const value = gen?.header.rawValue?.toString() ?? gen?.header.value;
  return value !== undefined && /^[0-9]+$/.test(value) ? null : 'x-soak-gen not set';
};
const unchanged = (reply) => {
  const why = headersReply(reply);
  if (why !== null) return why;
  const r = reply.response.value.response;
  return setHeaders(reply).length === 0 &&
    (r?.headerMutation?.removeHeaders ?? []).length === 0 &&
    !r?.bodyMutation
    ? null
    : 'fail-open reply carries a mutation';
};
const immediate = (status) => (reply) =>
  caseOf(reply) === 'immediateResponse' && reply.response.value.status?.code === status
    ? null
    : `expected an immediate ${status}, got ${caseOf(reply)} ${reply.response?.value?.status?.code ?? ''}`;
const body = (expected) => (reply) => {
  if (caseOf(reply) !== 'requestBody') return `expected a requestBody reply, got ${caseOf(reply)}`;
  const m = reply.response.value.response?.bodyMutation?.mutation;
  return m?.$case === 'body' && Buffer.compare(Buffer.from(m.value), expected) === 0
    ? null
    : 'body not replaced as expected';
};

/** Each kind: the messages to send, one check per reply, the outcome, and where it is cut. */
function plans() {
  const { request, replacement } = scenarioBodies('body4k');
  const chunks = Array.from({ length: CHUNKS }, (_, i) =>
    Buffer.from(`chunk ${i} of a streamed body `.padEnd(CHUNK_BYTES, 'abcdefghijklmnopqrstuvwxyz')),
  );
  const streamed = {
    frames: [headersFrame('streamed', STREAMED), ...chunks.map((c, i) => bodyFrame(c, i === CHUNKS - 1))],
    checks: [
      headersReply,
      ...chunks.map((c) => body(Buffer.from(c.toString('latin1').toUpperCase(), 'latin1'))),
    ],
    outcome: 'ok',
  };
  const failing = (kind, mode) => ({
    frames: [headersFrame(kind, 0)],
    checks: [mode === 'open' ? unchanged : immediate(500)],
    outcome: 'failed',
  });
  return {
    headers: { frames: [headersFrame('headers', 0)], checks: [genSet], outcome: 'ok' },
    buffered: {
      frames: [headersFrame('buffered', BUFFERED), bodyFrame(request, true)],
      checks: [headersReply, body(replacement)],
      outcome: 'ok',
    },
    streamed,
    immediate: { frames: [headersFrame('immediate', 0)], checks: [immediate(403)], outcome: 'ok' },
    'throw-open': failing('throw-open', 'open'),
    'slow-open': failing('slow-open', 'open'),
    'throw-closed': failing('throw-closed', 'closed'),
    'slow-closed': failing('slow-closed', 'closed'),
    'cancel-body': {
      frames: [headersFrame('cancel-body', STREAMED), ...streamed.frames.slice(1)],
      checks: streamed.checks,
      outcome: 'ok',
      cancelAfterReplies: 2,
    },
    'cancel-handler': {
      frames: [headersFrame('cancel-handler', 0)],
      checks: [immediate(500)],
      outcome: 'failed',
      cancelAfterMs: CANCEL_HANDLER_MS,
    },
  };
}

/**
 * Streams of the mix against one server. `gracefulShare` of the completed streams close as Envoy
 * does with `ext_proc_graceful_grpc_close` (half-close, wait for the status), the rest as by
 * default (half-close, then RST_STREAM CANCEL right away).
 */
export class SoakTraffic {
  #port;
  #sessions;
  #plans = plans();
  #pick;
  #rand;
  #budgetMs;
  #gracefulShare;
  /** Streams started and not yet closed. */
  open = new Set();
  /** Streams started and without an outcome yet. */
  inflight = 0;
  started = 0;
  reconnects = 0;
  /** GOAWAYs the server sent, and their error codes (11: ENHANCE_YOUR_CALM, Node's reset-rate limit). */
  goaways = 0;
  goawayCodes = new Set();
  /** Counts by outcome, and by kind and outcome. */
  outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  byKind = Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(OUTCOMES.map((o) => [o, 0]))]));
  /** Distinct pipeline generations seen in `x-soak-gen` (reloads landing). */
  generations = new Set();
  /** The first problems (lost or wrong), for the report. */
  problems = [];

  constructor({ port, connections, budgetMs, gracefulShare, seed }) {
    this.#port = port;
    this.#budgetMs = budgetMs;
    this.#gracefulShare = gracefulShare;
    this.#rand = prng(seed);
    const table = KINDS.flatMap((k) => Array(MIX[k]).fill(k));
    this.#pick = () => table[Math.floor(this.#rand() * table.length)];
    this.#sessions = Array.from({ length: connections }, () => this.#connect());
  }

  #connect() {
    const session = http2.connect(`http://127.0.0.1:${this.#port}`, {
      settings: { initialWindowSize: WINDOW },
    });
    session.on('error', () => {});
    session.on('goaway', (code) => {
      this.goaways++;
      this.goawayCodes.add(code);
    });
    session.on('connect', () => session.setLocalWindowSize(WINDOW));
    return session;
  }

  /** Resolves once every connection is up (rejects after 5 s). */
  ready() {
    return Promise.all(
      this.#sessions.map(
        (s) =>
          new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('soak: could not connect within 5 s')), 5000);
            s.once('connect', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }

  #session() {
    const i = this.started % this.#sessions.length;
    let s = this.#sessions[i];
    if (s.closed || s.destroyed) {
      // Like Envoy's pool: a connection that went away is replaced for the next stream.
      this.reconnects++;
      s = this.#sessions[i] = this.#connect();
    }
    return s;
  }

  /** Starts one stream of a random kind; `done(outcome)` runs when it has its outcome. */
  start(done = () => {}) {
    const kind = this.#pick();
    const plan = this.#plans[kind];
    this.started++;
    this.inflight++;
    let outcome = null;
    let replies = 0;
    let cancelTimer = null;
    const reader = new FrameReader(true);
    const req = this.#session().request(GRPC_REQUEST_HEADERS);
    this.open.add(req);
    const settle = (o, why) => {
      if (outcome !== null) return;
      outcome = o;
      clearTimeout(budget);
      clearTimeout(cancelTimer);
      this.inflight--;
      this.outcomes[o]++;
      this.byKind[kind][o]++;
      if ((o === 'lost' || o === 'wrong') && this.problems.length < 20)
        this.problems.push({ kind, outcome: o, why });
      done(o);
    };
    // Envoy resets a stream whose reply it cannot accept; so does the soak.
    const reject = (why) => {
      settle('wrong', why);
      req.close(NGHTTP2_CANCEL);
    };
    // Like Envoy's message_timeout, each message (and, closing gracefully, the status) has its
    // own budget, armed when it is sent.
    let budget = null;
    const lostAfterBudget = () => {
      settle(
        'lost',
        replies < plan.checks.length
          ? `no reply ${replies + 1} within the budget`
          : 'no status within the budget',
      );
      req.close(NGHTTP2_CANCEL);
    };
    const arm = () => {
      clearTimeout(budget);
      budget = setTimeout(lostAfterBudget, this.#budgetMs);
    };
    const cancel = () => {
      settle('cancelled');
      req.close(NGHTTP2_CANCEL);
    };
    let graceful = false;
    const status = (headers) => {
      const s = headers['grpc-status'];
      if (s === undefined) return;
      if (s !== '0') reject(`grpc-status ${s} ${headers['grpc-message'] ?? ''}`);
      else if (replies < plan.checks.length)
        settle('lost', `status 0 after ${replies} of ${plan.checks.length} replies`);
      else if (graceful) settle(plan.outcome);
    };
    req.on('response', status);
    req.on('trailers', status);
    req.on('data', (chunk) => {
      if (reader.push(chunk) === 0 || outcome !== null) return;
      for (const bytes of reader.frames.splice(0)) {
        const check = plan.checks[replies];
        if (check === undefined) return reject(`an extra reply (${replies + 1})`);
        const reply = decodeResponse(bytes);
        const why = check(reply);
        if (why !== null) return reject(`reply ${replies + 1}: ${why}`);
        if (kind === 'headers') {
          const gen = setHeaders(reply).find((h) => h.header?.key === 'x-soak-gen');
          this.generations.add((gen.header.rawValue ?? Buffer.from(gen.header.value)).toString());
        }
        replies++;
        if (replies === plan.cancelAfterReplies) return cancel();
        if (replies < plan.frames.length && replies < plan.checks.length) {
          arm();
          req.write(plan.frames[replies]);
        } else if (replies === plan.checks.length) {
          // The exchange is answered: close as Envoy does.
          if (this.#rand() < this.#gracefulShare) {
            graceful = true;
            arm();
            req.end();
          } else {
            settle(plan.outcome);
            req.end(() => req.close(NGHTTP2_CANCEL));
          }
        }
      }
    });
    req.on('error', () => {});
    req.on('close', () => {
      this.open.delete(req);
      if (outcome === null) settle('lost', `closed after ${replies} of ${plan.checks.length} replies`);
    });
    arm();
    req.write(plan.frames[0]);
    if (plan.cancelAfterMs !== undefined) cancelTimer = setTimeout(cancel, plan.cancelAfterMs);
  }

  /** A copy of the counters. */
  totals() {
    return { started: this.started, inflight: this.inflight, ...this.outcomes };
  }

  /** Resolves when no stream is in flight and every stream closed, or after `ms`. */
  drain(ms) {
    return new Promise((resolve) => {
      const until = Date.now() + ms;
      const poll = setInterval(() => {
        if ((this.inflight === 0 && this.open.size === 0) || Date.now() > until) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
  }

  close() {
    for (const s of this.#sessions) s.destroy();
  }
}
