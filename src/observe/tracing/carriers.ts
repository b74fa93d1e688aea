/**
 * Where a trace context is read from: the `Process` call's gRPC initial metadata (Envoy ≥ 1.31
 * puts its own span there, integration.md §6.5) and the HTTP request headers of the first
 * message (the client's). Both are read through the registered propagator, so W3C, B3 or any
 * other format works when the application registers it.
 *
 * @module
 */
import type { TextMapGetter } from '@opentelemetry/api';
import type { SourceHeader } from '../../http/header-map.js';
import type { CallMetadata } from '../../transport/types.js';

/** Reads gRPC metadata (a Map with lower-case keys). */
export const METADATA_GETTER: TextMapGetter<CallMetadata> = {
  keys: (carrier) => [...carrier.keys()],
  get: (carrier, key) => carrier.get(key),
};

/** Reads an Envoy header list; several values of one name come back as an array, as from Node's headers. */
export const HEADER_LIST_GETTER: TextMapGetter<readonly SourceHeader[]> = {
  keys: (carrier) => carrier.map((h) => h.key ?? ''),
  get(carrier, key) {
    let found: string | string[] | undefined;
    for (const h of carrier) {
      if (h.key !== key) continue;
      const value = headerText(h);
      if (found === undefined) found = value;
      else if (typeof found === 'string') found = [found, value];
      else found.push(value);
    }
    return found;
  },
};

/** A header's value as text (UTF-8): Envoy sends `raw_value` bytes, old Envoys `value`. */
export function headerText(h: SourceHeader): string {
  const raw = h.rawValue;
  if (raw !== undefined && raw.length > 0) {
    return Buffer.isBuffer(raw)
      ? raw.toString('utf8')
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  }
  return h.value ?? '';
}

/** The request facts an exchange span starts with, read in one pass over the header list. */
export interface RequestFacts {
  method: string | undefined;
  /** `:path` without its query string (which may carry tokens; it is never recorded). */
  path: string | undefined;
  requestId: string | undefined;
}

/** Reads `:method`, `:path` (query cut off) and `x-request-id` from Envoy's request headers. */
export function requestFacts(headers: readonly SourceHeader[]): RequestFacts {
  const facts: RequestFacts = { method: undefined, path: undefined, requestId: undefined };
  for (const h of headers) {
    switch (h.key) {
      case ':method':
        facts.method = headerText(h);
        break;
      case ':path': {
        const path = headerText(h);
        const query = path.search(/[?#]/);
        facts.path = query === -1 ? path : path.slice(0, query);
        break;
      }
      case 'x-request-id':
        facts.requestId = headerText(h);
        break;
    }
  }
  return facts;
}
