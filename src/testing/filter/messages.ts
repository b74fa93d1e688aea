/**
 * Building the `ProcessingRequest`s Envoy sends (doc §3): headers / body / trailers messages with
 * `metadata_context` on every message, attributes on the first message of a direction, and
 * `protocol_config` on the first message of the stream.
 *
 * @module
 */
import type {
  HeaderMap as HeaderMapProto,
  HeaderValue,
  Metadata,
} from '../../gen/envoy/config/core/v3/base.js';
import type { ProcessingRequest } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import { BODY_MODE_ENUM } from '../../protocol/processing-mode.js';
import { type AttributeContext, evaluateAttributes } from '../attributes.js';
import type { NormalizedConfig } from '../config.js';
import type { HeaderMap } from '../header-map.js';
import type { Direction } from '../result.js';
import { headerCanBeForwarded } from '../string-matcher.js';
import type { DirectionState } from './direction-state.js';

/** The attribute struct key Envoy uses (constant, not the filter instance name, §3.9). */
export const ATTRIBUTES_KEY = 'envoy.filters.http.ext_proc';

/** Where message contents come from, besides the direction state. */
export interface MessageSources {
  readonly dynamicMetadata: Record<string, Record<string, unknown>>;
  readonly connectionMetadata: Record<string, Record<string, unknown>>;
  attributeContext(direction: Direction, directionHeaders: HeaderMap | null): AttributeContext;
}

/** Builds the messages of one stream (it remembers whether protocol_config was sent). */
export class MessageBuilder {
  readonly #config: NormalizedConfig;
  readonly #sources: MessageSources;
  readonly #decoding: DirectionState;
  readonly #encoding: DirectionState;
  #protocolConfigEncoded = false;

  constructor(
    config: NormalizedConfig,
    sources: MessageSources,
    decoding: DirectionState,
    encoding: DirectionState,
  ) {
    this.#config = config;
    this.#sources = sources;
    this.#decoding = decoding;
    this.#encoding = encoding;
  }

  headers(
    state: DirectionState,
    headers: HeaderMap,
    endStream: boolean,
    observability: boolean,
  ): ProcessingRequest {
    const out = this.#common(state, observability);
    const value = { headers: this.#headerProto(headers), endOfStream: endStream };
    out.request =
      state.direction === 'request'
        ? { $case: 'requestHeaders', value }
        : { $case: 'responseHeaders', value };
    return out;
  }

  body(state: DirectionState, body: Buffer, endStream: boolean, observability: boolean): ProcessingRequest {
    const out = this.#common(state, observability);
    const value = { body: Buffer.from(body), endOfStream: endStream };
    out.request =
      state.direction === 'request' ? { $case: 'requestBody', value } : { $case: 'responseBody', value };
    return out;
  }

  trailers(state: DirectionState, trailers: HeaderMap, observability: boolean): ProcessingRequest {
    const out = this.#common(state, observability);
    const value = { trailers: this.#headerProto(trailers) };
    out.request =
      state.direction === 'request'
        ? { $case: 'requestTrailers', value }
        : { $case: 'responseTrailers', value };
    return out;
  }

  /**
   * A new message with the fields every message carries: metadata_context, first-message
   * attributes and protocol_config; the caller adds `request` last (no spread into a second
   * object per message).
   */
  #common(state: DirectionState, observability: boolean): ProcessingRequest {
    const out: ProcessingRequest = { metadataContext: this.#metadataContext() };
    const names =
      state.direction === 'request' ? this.#config.requestAttributes : this.#config.responseAttributes;
    if (!state.attributesSent && names.length > 0) {
      state.attributesSent = true;
      const ctx = this.#sources.attributeContext(state.direction, state.headers);
      out.attributes = { [ATTRIBUTES_KEY]: evaluateAttributes(names, ctx) };
    }
    if (observability) {
      out.observabilityMode = true;
    } else if (!this.#protocolConfigEncoded) {
      // §3.10: only on the first message of the stream, with the effective body modes.
      this.#protocolConfigEncoded = true;
      out.protocolConfig = {
        requestBodyMode: BODY_MODE_ENUM[this.#decoding.bodyMode],
        responseBodyMode: BODY_MODE_ENUM[this.#encoding.bodyMode],
        sendBodyWithoutWaitingForHeaderResponse: this.#config.sendBodyWithoutWaiting,
      };
    }
    return out;
  }

  /** §3.8: forwarding namespaces from the stream, falling back to connection metadata. */
  #metadataContext(): Metadata {
    const filterMetadata: Record<string, Record<string, unknown>> = {};
    for (const ns of this.#config.forwardingNamespaces) {
      const value = this.#sources.dynamicMetadata[ns] ?? this.#sources.connectionMetadata[ns];
      if (value !== undefined) filterMetadata[ns] = structuredClone(value);
    }
    return { filterMetadata, typedFilterMetadata: {} };
  }

  /** §3.1, §3.6: lower-case keys, raw_value only, forward_rules applied. */
  #headerProto(headers: HeaderMap): HeaderMapProto {
    const { allowedHeaders, disallowedHeaders } = this.#config;
    const all = allowedHeaders.length === 0 && disallowedHeaders.length === 0;
    const out: HeaderValue[] = [];
    // One copy per forwarded value: the message outlives later changes to the map.
    for (const e of headers.view()) {
      if (all || headerCanBeForwarded(e.key, allowedHeaders, disallowedHeaders))
        out.push({ key: e.key, rawValue: Buffer.from(e.value) });
    }
    return { headers: out };
  }
}
