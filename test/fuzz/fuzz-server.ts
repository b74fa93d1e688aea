/**
 * The server and client side of the fuzz tests: an attache server running one plugin whose
 * handlers do what the current case's plan says, and a raw HTTP/2 client that writes a case's
 * DATA frames and ends the stream the case's way.
 */
import http2 from 'node:http2';
import { silentLogger } from '../../src/log.js';
import type { FailureMode } from '../../src/pipeline/pipeline.js';
import { definePlugin } from '../../src/plugin/define-plugin.js';
import { respond } from '../../src/plugin/respond.js';
import type { Handlers, StreamContext } from '../../src/plugin/types.js';
import { decodeResponse } from '../../src/protocol/codec.js';
import { type AttacheServer, createServer } from '../../src/server/create-server.js';
import type { TransportName } from '../../src/server/transport.js';
import { messagesOf } from '../support/raw-grpc.js';
import type { Ending, Outcome, Phase } from './sequences.js';

/** Per-handler budget: short, so a hanging handler costs the run little. */
export const HANDLER_BUDGET_MS = 30;

/** A running fuzz server and a client session to it. */
export interface FuzzServer {
  readonly server: AttacheServer;
  /** Sets what each handler does for the streams that follow. */
  plan(outcomes: Readonly<Record<Phase, Outcome>>): void;
  /** The client session (reopened if the server or a GOAWAY closed it). */
  session(): http2.ClientHttp2Session;
  /** Every stream context the plugin saw, weakly: what {@link collectedShare} checks. */
  readonly seen: WeakRef<StreamContext>[];
  close(): Promise<void>;
}

function handler(
  phase: Phase,
  outcomes: () => Readonly<Record<Phase, Outcome>>,
  seen: WeakRef<StreamContext>[],
) {
  return (ctx: {
    stream: StreamContext;
    mutate: { set(name: string, value: string): unknown; replaceBody?(b: string): unknown };
  }): unknown => {
    seen.push(new WeakRef(ctx.stream));
    switch (outcomes()[phase]) {
      case 'continue':
        return undefined;
      case 'mutate':
        if (phase.endsWith('Trailers')) ctx.mutate.set('x-fuzz-trailer', '1');
        else ctx.mutate.set('x-fuzz', phase);
        return undefined;
      case 'throw':
        throw new Error(`fuzz: ${phase} throws`);
      case 'reject':
        return Promise.reject(new Error(`fuzz: ${phase} rejects`));
      case 'hang':
        // A promise of its own: one shared by every call would hold each caller's reaction
        // (and through it the stream) for as long as it lives, which is the test's leak, not attache's.
        return new Promise(() => {});
      case 'respond':
        return respond(418, { body: 'fuzz' });
      case 'replaceBody':
        ctx.mutate.replaceBody?.('replaced');
        return undefined;
    }
  };
}

/** Starts an attache server on `transport` whose plugin follows the current plan. */
export async function startFuzzServer(transport: TransportName, failure: FailureMode): Promise<FuzzServer> {
  let outcomes: Readonly<Record<Phase, Outcome>> | undefined;
  const current = () => outcomes as Readonly<Record<Phase, Outcome>>;
  const seen: WeakRef<StreamContext>[] = [];
  const handlers = {
    requestHeaders: handler('requestHeaders', current, seen),
    requestBody: handler('requestBody', current, seen),
    requestTrailers: handler('requestTrailers', current, seen),
    responseHeaders: handler('responseHeaders', current, seen),
    responseBody: handler('responseBody', current, seen),
    responseTrailers: handler('responseTrailers', current, seen),
  } as unknown as Handlers;
  const server = await createServer({
    plugins: [{ plugin: definePlugin({ name: 'fuzz', setup: () => handlers }) }],
    transport,
    failure,
    timeoutMs: HANDLER_BUDGET_MS,
    log: silentLogger,
  });
  const { address } = await server.listen('127.0.0.1:0');
  let session: http2.ClientHttp2Session | undefined;
  return {
    server,
    seen,
    plan(next) {
      outcomes = next;
    },
    session() {
      if (session === undefined || session.closed || session.destroyed) {
        session = http2.connect(`http://${address}`);
        session.on('error', () => {});
      }
      return session;
    },
    async close() {
      session?.destroy();
      await server.close(100);
    },
  };
}

/** What came back on one fuzzed stream. */
export interface DriveResult {
  /** The stream did not end within the budget (the client then reset it). */
  readonly timedOut: boolean;
  /** grpc-status from trailers or a trailers-only response; undefined when none came. */
  readonly grpcStatus: number | undefined;
  readonly messages: Buffer[];
}

function isImmediate(reply: Buffer): boolean {
  return decodeResponse(reply).response?.$case === 'immediateResponse';
}

/** How long an `open` stream is left alone before the client resets it. */
const OPEN_QUIET_MS = 2 * HANDLER_BUDGET_MS;

/**
 * Writes `frames` (a turn of the event loop apart) and ends the stream as `ending` says:
 * `halfClose`; `envoyClose`, Envoy's default (END_STREAM, then RST_STREAM once its answers are
 * in, here at once); `cancel`, RST_STREAM without END_STREAM; `open`, nothing. With `mustEnd`
 * the server has to end the stream itself: it resolves at the close, or after `budgetMs` with
 * `timedOut` (and the client resets the stream). Otherwise an `open` stream is reset by the client
 * after a quiet spell.
 */
export function driveStream(
  session: http2.ClientHttp2Session,
  path: string,
  frames: readonly Buffer[],
  ending: Ending,
  mustEnd: boolean,
  budgetMs: number,
  mustAnswer?: number,
): Promise<DriveResult> {
  const stream = session.request({
    ':method': 'POST',
    ':path': path,
    'content-type': 'application/grpc',
    te: 'trailers',
  });
  const body: Buffer[] = [];
  let status: number | undefined;
  stream.on('error', () => {});
  return new Promise((resolve) => {
    // An `open` stream whose every message must be answered: over once they are, or once an
    // immediate response (the plugin's, or fail-closed's) ended the exchange for Envoy.
    stream.on('data', (c: Buffer) => {
      body.push(c);
      if (mustAnswer === undefined) return;
      const replies = messagesOf(Buffer.concat(body));
      if (replies.length >= mustAnswer || replies.some(isImmediate)) done(false);
    });
    // A gRPC call is over at its status (trailers, or a trailers-only response), even while the
    // client's own side of the stream is still open.
    const onStatus = (h: http2.IncomingHttpHeaders) => {
      if (h['grpc-status'] === undefined) return;
      status = Number(h['grpc-status']);
      done(false);
    };
    stream.on('response', onStatus);
    stream.on('trailers', onStatus);
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const done = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
      resolve({ timedOut, grpcStatus: status, messages: messagesOf(Buffer.concat(body)) });
    };
    stream.on('close', () => done(false));
    timers.push(setTimeout(() => done(true), budgetMs));
    void (async () => {
      for (const f of frames) {
        if (stream.closed) return;
        stream.write(f);
        await new Promise((r) => setImmediate(r));
      }
      if (stream.closed) return;
      if (ending === 'halfClose' || ending === 'envoyClose') stream.end();
      if (ending === 'envoyClose') setImmediate(() => stream.close(http2.constants.NGHTTP2_CANCEL));
      if (ending === 'cancel') stream.close(http2.constants.NGHTTP2_CANCEL);
      if (ending === 'open' && !mustEnd && mustAnswer === undefined)
        timers.push(setTimeout(() => done(false), OPEN_QUIET_MS));
    })();
  });
}

/** Waits (up to `budgetMs`) until the server counts no open stream. */
export async function waitIdle(server: FuzzServer, budgetMs: number): Promise<void> {
  const until = Date.now() + budgetMs;
  while (server.server.processor.activeStreams > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 5));
  }
}
