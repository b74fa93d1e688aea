/**
 * Building `ProcessingResponse`s. The only place (with the stream state machine) that knows the
 * proto shapes of replies.
 *
 * @module
 */

import {
  type ProcessingMode,
  ProcessingMode_BodySendMode,
  ProcessingMode_HeaderSendMode,
} from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import {
  CommonResponse_ResponseStatus,
  type HeaderMutation,
  type ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { StatusCode } from '../gen/envoy/type/v3/http_status.js';
import type { HeaderChanges } from '../http/header-map.js';
import type { BodyMode, JsonValue, ModeOverride, Phase } from '../plugin/types.js';
import { constantReply } from '../protocol/codec.js';

/** "Continue unchanged" for each phase, encoded once. */
export const CONTINUE: { readonly [P in Phase]: ProcessingResponse } = {
  requestHeaders: constantReply({ response: { $case: 'requestHeaders', value: {} } }),
  responseHeaders: constantReply({ response: { $case: 'responseHeaders', value: {} } }),
  requestBody: constantReply({ response: { $case: 'requestBody', value: {} } }),
  responseBody: constantReply({ response: { $case: 'responseBody', value: {} } }),
  requestTrailers: constantReply({ response: { $case: 'requestTrailers', value: {} } }),
  responseTrailers: constantReply({ response: { $case: 'responseTrailers', value: {} } }),
};

/** Dynamic metadata in Envoy's shape: namespace → Struct. */
export type MetadataOut = Record<string, Record<string, JsonValue>> | null;

/**
 * Envoy reads only `raw_value` and only the deprecated `append` flag (§6.1): unset means
 * "replace all values", so `append` is set only when adding a value.
 */
export function toHeaderMutation(changes: HeaderChanges): HeaderMutation | undefined {
  if (changes.set.length === 0 && changes.remove.length === 0) return undefined;
  return {
    setHeaders: changes.set.map((c) =>
      c.append
        ? { header: { key: c.key, rawValue: c.value }, append: true }
        : { header: { key: c.key, rawValue: c.value } },
    ),
    removeHeaders: changes.remove,
  };
}

/** A headers reply; `replacement` makes it CONTINUE_AND_REPLACE with that body. */
export function headersReply(
  phase: 'requestHeaders' | 'responseHeaders',
  mutation: HeaderMutation | undefined,
  replacement: Buffer | null,
  mode: ProcessingMode | undefined,
  metadata: MetadataOut,
): ProcessingResponse {
  return {
    response: {
      $case: phase,
      value: {
        response: {
          status: replacement === null ? undefined : CommonResponse_ResponseStatus.CONTINUE_AND_REPLACE,
          headerMutation: mutation,
          bodyMutation:
            replacement === null ? undefined : { mutation: { $case: 'body', value: replacement } },
        },
      },
    },
    modeOverride: mode,
    dynamicMetadata: metadata ?? undefined,
  };
}

/** A buffered-body reply; `body` null leaves the body unchanged. */
export function bodyReply(
  phase: 'requestBody' | 'responseBody',
  mutation: HeaderMutation | undefined,
  body: Buffer | null,
  metadata: MetadataOut,
): ProcessingResponse {
  return {
    response: {
      $case: phase,
      value: {
        response: {
          headerMutation: mutation,
          bodyMutation:
            body === null
              ? undefined
              : body.length === 0
                ? { mutation: { $case: 'clearBody', value: true } }
                : { mutation: { $case: 'body', value: body } },
        },
      },
    },
    dynamicMetadata: metadata ?? undefined,
  };
}

/**
 * Largest `streamed_response` body attache sends: Envoy's API recommends at most 64 KiB per
 * FULL_DUPLEX_STREAMED chunk (§4.8).
 */
export const STREAMED_CHUNK_BYTES = 64 * 1024;

/**
 * FULL_DUPLEX_STREAMED body replies carrying `bytes`, split into chunks of at most
 * {@link STREAMED_CHUNK_BYTES}; the last one carries `eos` and the metadata. Empty `bytes` give
 * one empty chunk (to carry `eos` or metadata).
 */
export function streamedChunks(
  phase: 'requestBody' | 'responseBody',
  bytes: Buffer,
  eos: boolean,
  metadata: MetadataOut,
): ProcessingResponse[] {
  const replies: ProcessingResponse[] = [];
  let at = 0;
  do {
    const end = Math.min(bytes.length, at + STREAMED_CHUNK_BYTES);
    const final = end === bytes.length;
    replies.push({
      response: {
        $case: phase,
        value: {
          response: {
            bodyMutation: {
              mutation: {
                $case: 'streamedResponse',
                value: { body: bytes.subarray(at, end), endOfStream: final && eos },
              },
            },
          },
        },
      },
      dynamicMetadata: final ? (metadata ?? undefined) : undefined,
    });
    at = end;
  } while (at < bytes.length);
  return replies;
}

/** A trailers reply. */
export function trailersReply(
  phase: 'requestTrailers' | 'responseTrailers',
  mutation: HeaderMutation | undefined,
  metadata: MetadataOut,
): ProcessingResponse {
  return {
    response: { $case: phase, value: { headerMutation: mutation } },
    dynamicMetadata: metadata ?? undefined,
  };
}

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

const BODY_MODES: Record<BodyMode, ProcessingMode_BodySendMode> = {
  none: ProcessingMode_BodySendMode.NONE,
  streamed: ProcessingMode_BodySendMode.STREAMED,
  buffered: ProcessingMode_BodySendMode.BUFFERED,
  buffered_partial: ProcessingMode_BodySendMode.BUFFERED_PARTIAL,
  full_duplex_streamed: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
};

/** Maps a plugin's body mode name to Envoy's enum. */
export function bodyModeValue(mode: BodyMode): ProcessingMode_BodySendMode {
  const value = BODY_MODES[mode];
  if (value === undefined) throw new TypeError(`unknown body mode ${JSON.stringify(mode)}`);
  return value;
}

function sendMode(mode: 'send' | 'skip' | undefined): ProcessingMode_HeaderSendMode | undefined {
  if (mode === undefined) return undefined; // DEFAULT: Envoy keeps the filter-level setting (§9)
  if (mode === 'send') return ProcessingMode_HeaderSendMode.SEND;
  if (mode === 'skip') return ProcessingMode_HeaderSendMode.SKIP;
  throw new TypeError(`unknown send mode ${JSON.stringify(mode)}`);
}

/**
 * Envoy's `mode_override`. Body modes are always restated: Envoy takes both from the override,
 * so an omitted one would switch that body off (§9).
 */
export function modeOverride(
  override: ModeOverride,
  currentRequestBody: ProcessingMode_BodySendMode,
  currentResponseBody: ProcessingMode_BodySendMode,
): ProcessingMode {
  return {
    responseHeaderMode: sendMode(override.responseHeaders),
    requestBodyMode:
      override.requestBody === undefined ? currentRequestBody : bodyModeValue(override.requestBody),
    responseBodyMode:
      override.responseBody === undefined ? currentResponseBody : bodyModeValue(override.responseBody),
    requestTrailerMode: sendMode(override.requestTrailers),
    responseTrailerMode: sendMode(override.responseTrailers),
  };
}
