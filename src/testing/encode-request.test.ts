import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { encodeRequestFrame } from './encode-request.js';

/** What the generated encoder writes for `request`. */
function generated(request: ProcessingRequest): Buffer {
  return Buffer.from(ProcessingRequest.encode(request).finish());
}

function framed(request: ProcessingRequest): { prefix: Buffer; message: Buffer } {
  const frame = encodeRequestFrame(request);
  if (frame === null) throw new Error('expected the fast path');
  return { prefix: frame.subarray(0, 5), message: frame.subarray(5) };
}

const headerValue = fc.record(
  {
    key: fc.oneof(fc.constantFrom('', ':path', 'x-a', 'content-length'), fc.string({ unit: 'binary' })),
    value: fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme' })),
    rawValue: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 130, maxLength: 300 })),
  },
  { requiredKeys: [] },
);
const headerMap = fc.record({ headers: fc.array(headerValue, { maxLength: 12 }) }, { requiredKeys: [] });
const headers = fc.record({ headers: headerMap, endOfStream: fc.boolean() }, { requiredKeys: [] });
const body = fc.record(
  {
    body: fc.oneof(fc.uint8Array({ maxLength: 10 }), fc.uint8Array({ minLength: 16_000, maxLength: 20_000 })),
    endOfStream: fc.boolean(),
    endOfStreamWithoutMessage: fc.boolean(),
    grpcMessageCompressed: fc.boolean(),
  },
  { requiredKeys: [] },
);
const trailers = fc.record({ trailers: headerMap }, { requiredKeys: [] });
const request = fc.oneof(
  fc.record({
    $case: fc.constantFrom('requestHeaders' as const, 'responseHeaders' as const),
    value: headers,
  }),
  fc.record({ $case: fc.constantFrom('requestBody' as const, 'responseBody' as const), value: body }),
  fc.record({
    $case: fc.constantFrom('requestTrailers' as const, 'responseTrailers' as const),
    value: trailers,
  }),
);
const bodyMode = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 5 }), fc.constant(200));
const processingRequest = fc.record(
  {
    request,
    metadataContext: fc.constant({ filterMetadata: {}, typedFilterMetadata: {} }),
    observabilityMode: fc.boolean(),
    protocolConfig: fc.record(
      {
        requestBodyMode: bodyMode,
        responseBodyMode: bodyMode,
        sendBodyWithoutWaitingForHeaderResponse: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ProcessingRequest>;

describe('encodeRequestFrame', () => {
  it('writes the generated encoder’s bytes behind a gRPC prefix, for every message the filter sends', () => {
    fc.assert(
      fc.property(processingRequest, (req) => {
        const { prefix, message } = framed(req);
        expect(message).toEqual(generated(req));
        expect(prefix[0]).toBe(0);
        expect(prefix.readUInt32BE(1)).toBe(message.length);
      }),
      { numRuns: 400 },
    );
  });

  it('encodes the kit’s first request-headers message as the generated encoder does', () => {
    const req: ProcessingRequest = {
      request: {
        $case: 'requestHeaders',
        value: {
          headers: {
            headers: [
              { key: ':method', rawValue: Buffer.from('GET') },
              { key: ':path', rawValue: Buffer.from('/é?x=1') },
              { key: 'x-empty', rawValue: Buffer.alloc(0) },
            ],
          },
          endOfStream: true,
        },
      },
      metadataContext: { filterMetadata: {}, typedFilterMetadata: {} },
      protocolConfig: {
        requestBodyMode: 0,
        responseBodyMode: 0,
        sendBodyWithoutWaitingForHeaderResponse: false,
      },
    };
    expect(framed(req).message).toEqual(generated(req));
    // What the server decodes is what was sent.
    expect(ProcessingRequest.decode(framed(req).message).request?.$case).toBe('requestHeaders');
  });

  it('encodes an empty message (no field set) as zero bytes', () => {
    expect(framed({}).message.length).toBe(0);
  });

  it('leaves messages with attributes, forwarded metadata or an odd enum to the generated encoder', () => {
    const base: ProcessingRequest = {
      request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
    };
    expect(
      encodeRequestFrame({ ...base, attributes: { 'envoy.filters.http.ext_proc': { a: 1 } } }),
    ).toBeNull();
    expect(
      encodeRequestFrame({
        ...base,
        metadataContext: { filterMetadata: { ns: { a: 1 } }, typedFilterMetadata: {} },
      }),
    ).toBeNull();
    expect(encodeRequestFrame({ ...base, protocolConfig: { requestBodyMode: -1 } })).toBeNull();
    const withAttributes = {
      request: {
        $case: 'requestHeaders',
        value: { headers: { headers: [] }, attributes: { x: { a: 1 } } },
      },
    } as ProcessingRequest;
    expect(encodeRequestFrame(withAttributes)).toBeNull();
  });
});
