// The wire messages of the stream benchmark, shared by the servers, the load generator and the
// orchestrator, so every server answers the same request with byte-identical reply bytes.
//
// headers: a RequestHeaders message with 14 realistic headers, end_of_stream true (a GET), as
//          Envoy sends it in headers-only mode; the reply sets one header (`x-a: 1`).
// body4k:  a RequestBody message with a 4,096-byte JSON body, end_of_stream true (BUFFERED mode);
//          the reply replaces the body with another 4,096-byte JSON body.
// body256k: the same with 262,144-byte bodies (a buffered upload; several HTTP/2 DATA frames and
//          window updates per message).
import { encodeRequest, encodeResponse } from '../../dist/src/protocol/codec.js';

export { PROCESS_PATH } from '../../dist/src/protocol/service.js';

/** Envoy's BodySendMode values (processing_mode.proto). */
const NONE = 0;
const BUFFERED = 2;

const REQUEST_HEADERS = [
  [':authority', 'api.example.com'],
  [':path', '/api/v1/orders/12345?expand=items&limit=20'],
  [':method', 'GET'],
  [':scheme', 'https'],
  [
    'user-agent',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  ],
  ['accept', 'application/json, text/plain, */*'],
  ['accept-encoding', 'gzip, deflate, br'],
  ['accept-language', 'en-US,en;q=0.9'],
  [
    'authorization',
    'Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLXBsYWNlaG9sZGVyLXNpZ25hdHVyZQ',
  ],
  ['cookie', 'session=3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e; theme=dark; lang=en'],
  ['x-forwarded-for', '203.0.113.7'],
  ['x-forwarded-proto', 'https'],
  ['x-request-id', '7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b'],
  ['x-envoy-expected-rq-timeout-ms', '15000'],
];

/** A deterministic JSON document of exactly `size` bytes (an order with line items, padded). */
function jsonOfSize(size, seed) {
  const doc = (items, pad) => JSON.stringify({ order: seed, currency: 'EUR', items, pad });
  const items = [];
  // The length grows by each item's JSON plus a comma: tracked, so a 256 KiB body stays linear.
  let length = doc(items, '').length;
  for (let i = 0; ; i++) {
    const item = {
      sku: `SKU-${seed}-${String(i).padStart(5, '0')}`,
      name: `Item number ${i} of order ${seed}`,
      qty: (i % 7) + 1,
      price: ((i * 37) % 1000) + 0.99,
    };
    const next = length + JSON.stringify(item).length + (items.length > 0 ? 1 : 0);
    if (next > size) break;
    items.push(item);
    length = next;
  }
  const text = doc(items, 'x'.repeat(size - doc(items, '').length));
  if (Buffer.byteLength(text) !== size) throw new Error(`internal: body is ${text.length} bytes`);
  return Buffer.from(text);
}

/** The scenarios, and the body size of each body scenario. */
export const SCENARIOS = ['headers', 'body4k', 'body256k'];
export const BODY_SIZES = { body4k: 4096, body256k: 256 * 1024 };

const bodies = new Map();
/** The request body Envoy sends in a body scenario, and the body every server replies with. */
export function scenarioBodies(scenario) {
  const size = BODY_SIZES[scenario];
  if (size === undefined) throw new Error(`scenario ${JSON.stringify(scenario)} has no body`);
  let pair = bodies.get(scenario);
  if (pair === undefined) {
    pair = { request: jsonOfSize(size, 'A-1001'), replacement: jsonOfSize(size, 'B-2002') };
    bodies.set(scenario, pair);
  }
  return pair;
}

/** The ProcessingRequest of a scenario (decoded form). */
export function requestMessage(scenario) {
  if (scenario === 'headers') {
    return {
      request: {
        $case: 'requestHeaders',
        value: {
          headers: {
            headers: REQUEST_HEADERS.map(([key, value]) => ({ key, rawValue: Buffer.from(value) })),
          },
          endOfStream: true,
        },
      },
      protocolConfig: { requestBodyMode: NONE, responseBodyMode: NONE },
    };
  }
  if (scenario in BODY_SIZES) {
    return {
      request: { $case: 'requestBody', value: { body: scenarioBodies(scenario).request, endOfStream: true } },
      protocolConfig: { requestBodyMode: BUFFERED, responseBodyMode: NONE },
    };
  }
  throw new Error(`unknown scenario ${JSON.stringify(scenario)} (expected ${SCENARIOS.join(', ')})`);
}

/**
 * The reply every server sends (decoded form). It has the shape attache's reply builder produces
 * (`src/stream/replies/`), so the attache server's bytes can be checked against it.
 */
export function replyMessage(scenario) {
  if (scenario === 'headers') {
    return {
      response: {
        $case: 'requestHeaders',
        value: {
          response: {
            headerMutation: {
              setHeaders: [{ header: { key: 'x-a', rawValue: Buffer.from('1') } }],
              removeHeaders: [],
            },
          },
        },
      },
    };
  }
  if (scenario in BODY_SIZES) {
    const value = scenarioBodies(scenario).replacement;
    return {
      response: {
        $case: 'requestBody',
        value: { response: { bodyMutation: { mutation: { $case: 'body', value } } } },
      },
    };
  }
  throw new Error(`unknown scenario ${JSON.stringify(scenario)}`);
}

/** Prefixes a protobuf message with the 5-byte gRPC frame header (uncompressed). */
export function grpcFrame(message) {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

/** Encoded request (no frame prefix). */
export function requestBytes(scenario) {
  return Buffer.from(encodeRequest(requestMessage(scenario)));
}

/** Encoded reply (no frame prefix). */
export function replyBytes(scenario) {
  return Buffer.from(encodeResponse(replyMessage(scenario)));
}
