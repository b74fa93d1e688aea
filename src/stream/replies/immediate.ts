/**
 * Replies that answer the client instead of the upstream: a plugin's `respond(...)`, as one
 * ImmediateResponse or, for a body produced piece by piece, a streamed local response.
 *
 * @module
 */
import { toError } from '../../errors.js';
import { ProcessingMode_BodySendMode as BodySendMode } from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingResponse } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { StatusCode } from '../../gen/envoy/type/v3/http_status.js';
import { checkSet } from '../../http/header-rules.js';
import type { Step } from '../../pipeline/pipeline.js';
import type { BodySource, ImmediateResponse } from '../../plugin/respond.js';
import { GrpcStatus } from '../../transport/types.js';
import type { Exchange } from '../exchange.js';
import type { Message } from '../message.js';
import type { MetadataOut } from './common.js';
import { failureReply } from './failure.js';
import { collectBody, streamLocalResponse } from './local-response.js';

/** An ImmediateResponse. Header values are already validated. */
export function immediateReply(
  status: number,
  headers: ReadonlyArray<readonly [string, Buffer]>,
  body: Buffer | undefined,
  grpcStatus: number | undefined,
  details: string | undefined,
  metadata: MetadataOut,
): ProcessingResponse {
  const seen = new Set<string>();
  const setHeaders = headers.map(([key, rawValue]) => {
    // The first value of a name replaces, later ones add (§6.1 semantics apply here too).
    const append = seen.has(key);
    seen.add(key);
    return append ? { header: { key, rawValue }, append: true } : { header: { key, rawValue } };
  });
  return {
    response: {
      $case: 'immediateResponse',
      value: {
        status: { code: status as StatusCode },
        headers: setHeaders.length === 0 ? undefined : { setHeaders },
        body,
        grpcStatus: grpcStatus === undefined ? undefined : { status: grpcStatus },
        details,
      },
    },
    dynamicMetadata: metadata ?? undefined,
  };
}

/** An immediate response's headers under Envoy's rules: `null` when fine, else the failure reply. */
function checkHeaders(
  x: Exchange,
  m: Message,
  step: Step,
  headers: ReadonlyArray<readonly [string, Buffer]>,
): ProcessingResponse | null {
  try {
    for (const [key] of headers) checkSet(key, 'immediate', x.pipeline.mutationRules, false, false);
    return null;
  } catch (error) {
    return failureReply(x, m, step, toError(error));
  }
}

/** The reply to `respond(...)` with a body given whole (or none); it stops the exchange. */
export function respondReply(x: Exchange, m: Message, r: ImmediateResponse, step: Step): ProcessingResponse {
  const refused = checkHeaders(x, m, step, r.headers);
  if (refused !== null) return refused;
  x.stopped = true;
  x.observer?.responded(m.phase, step, r.status);
  return immediateReply(r.status, r.headers, r.body, r.grpcStatus, r.details, m.metadata);
}

/**
 * Answers `respond(...)` with a body produced piece by piece: a StreamedImmediateResponse from
 * `requestHeaders` when the request body mode allows it (§5.5), otherwise the pieces collected
 * into one response. `done` is called when the direction may go on (the response was refused,
 * or collecting it failed): until then the direction stays busy.
 */
export function respondStreamed(
  x: Exchange,
  m: Message,
  r: ImmediateResponse,
  step: Step,
  done: () => void,
): void {
  const refused = checkHeaders(x, m, step, [...r.headers, ...r.trailers]);
  if (refused !== null) {
    x.send(refused);
    done();
    return;
  }
  const mode = x.requestBodyMode;
  if (x.observability) {
    x.stopped = true;
    return;
  }
  if (
    m.phase === 'requestHeaders' &&
    (mode === BodySendMode.NONE || mode === BodySendMode.FULL_DUPLEX_STREAMED)
  ) {
    // Envoy stops processing here; whatever it still sends for the request gets no reply.
    x.stopped = true;
    x.observer?.responded(m.phase, step, r.status);
    const sink = {
      send: (reply: ProcessingResponse) => x.sendRaw(reply),
      whenWritable: () => x.sink.whenWritable(),
      get ended() {
        return x.ended;
      },
    };
    streamLocalResponse(sink, r, m.metadata).catch((error: unknown) => {
      step.log.error(
        { err: error, stream: x.id },
        'streamed response body failed after the response started; the client stream is reset',
      );
      x.sink.fail(GrpcStatus.INTERNAL, 'attache: streamed response body failed');
    });
    return;
  }
  collectBody(r.stream as BodySource, x.pipeline.maxBodyBytes, step.timeoutMs).then(
    (body) => {
      if (x.ended) return;
      x.stopped = true;
      x.observer?.responded(m.phase, step, r.status);
      x.send(immediateReply(r.status, r.headers, body, undefined, r.details, m.metadata));
    },
    (error: unknown) => {
      if (x.ended) return;
      x.send(failureReply(x, m, step, toError(error)));
      done();
    },
  );
}
