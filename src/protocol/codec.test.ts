import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import {
  ProcessingMode,
  ProcessingMode_BodySendMode,
} from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import {
  BodyMutation,
  CommonResponse_ResponseStatus,
  HttpBody,
  ProcessingRequest,
  ProcessingResponse,
  StreamedBodyResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';

/** Every obs-text byte (0x80-0xff) plus a few visible ASCII bytes around them. */
const OBS_TEXT = Buffer.concat([
  Buffer.from('a '),
  Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)),
]);

const requestHeaders = (): ProcessingRequest => ({
  request: {
    $case: 'requestHeaders',
    value: {
      headers: {
        headers: [
          { key: ':method', rawValue: Buffer.from('POST') },
          { key: 'x-obs', rawValue: OBS_TEXT },
        ],
      },
      endOfStream: false,
    },
  },
});

describe('generated ext_proc codec', () => {
  it('ignores unknown fields when decoding a ProcessingRequest', () => {
    const known = ProcessingRequest.encode(requestHeaders()).finish();
    const unknown = new BinaryWriter()
      .uint32((12 << 3) | 0) // field 12 (flow_control_init on Envoy main), varint
      .uint32(1)
      .uint32((99 << 3) | 2) // field 99, length-delimited
      .bytes(Buffer.from([1, 2, 3]))
      .finish();
    const decoded = ProcessingRequest.decode(Buffer.concat([known, unknown]));
    expect(decoded).toEqual(ProcessingRequest.decode(known));
    expect(decoded.request?.$case).toBe('requestHeaders');
  });

  it('round-trips a ProcessingResponse with body_mutation.streamed_response', () => {
    const message: ProcessingResponse = {
      response: {
        $case: 'requestBody',
        value: {
          response: {
            status: CommonResponse_ResponseStatus.CONTINUE,
            bodyMutation: {
              mutation: {
                $case: 'streamedResponse',
                value: { body: Buffer.from('chunk-1'), endOfStream: true },
              },
            },
          },
        },
      },
    };
    const decoded = ProcessingResponse.decode(ProcessingResponse.encode(message).finish());
    expect(decoded.response?.$case).toBe('requestBody');
    if (decoded.response?.$case !== 'requestBody') throw new Error('unreachable');
    const mutation = decoded.response.value.response?.bodyMutation?.mutation;
    expect(mutation?.$case).toBe('streamedResponse');
    if (mutation?.$case !== 'streamedResponse') throw new Error('unreachable');
    expect(mutation.value.body?.toString()).toBe('chunk-1');
    expect(mutation.value.endOfStream).toBe(true);

    // BodyMutation.streamed_response is field 3 (length-delimited) on the wire.
    const wire = BodyMutation.encode({
      mutation: { $case: 'streamedResponse', value: { endOfStream: true } },
    }).finish();
    expect([...wire]).toEqual([(3 << 3) | 2, 2, (2 << 3) | 0, 1]);
  });

  it('uses the Envoy 1.37 field numbers for the added fields', () => {
    const response = ProcessingResponse.encode({
      response: {
        $case: 'streamedImmediateResponse',
        value: { response: { $case: 'bodyResponse', value: {} } },
      },
      requestDrain: true,
    }).finish();
    expect([...response]).toEqual([(11 << 3) | 2, 2, (2 << 3) | 2, 0, (12 << 3) | 0, 1]);

    const request = ProcessingRequest.encode({
      protocolConfig: {
        requestBodyMode: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
        sendBodyWithoutWaitingForHeaderResponse: true,
      },
    }).finish();
    expect([...request]).toEqual([(11 << 3) | 2, 4, (1 << 3) | 0, 4, (3 << 3) | 0, 1]);

    const body = HttpBody.encode({ endOfStreamWithoutMessage: true, grpcMessageCompressed: true }).finish();
    expect([...body]).toEqual([(3 << 3) | 0, 1, (4 << 3) | 0, 1]);
  });

  it('carries BodySendMode FULL_DUPLEX_STREAMED (4) and GRPC (5)', () => {
    expect(ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED).toBe(4);
    expect(ProcessingMode_BodySendMode.GRPC).toBe(5);
    const mode: ProcessingMode = {
      requestBodyMode: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
      responseBodyMode: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
    };
    const wire = ProcessingMode.encode(mode).finish();
    expect([...wire]).toEqual([(3 << 3) | 0, 4, (4 << 3) | 0, 4]);
    const decoded = ProcessingResponse.decode(ProcessingResponse.encode({ modeOverride: mode }).finish());
    expect(decoded.modeOverride?.requestBodyMode).toBe(ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED);
    expect(decoded.modeOverride?.responseBodyMode).toBe(ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED);
  });

  it('keeps header raw_value obs-text bytes byte-exact in both directions', () => {
    const request = ProcessingRequest.decode(ProcessingRequest.encode(requestHeaders()).finish());
    if (request.request?.$case !== 'requestHeaders') throw new Error('expected requestHeaders');
    const header = request.request.value.headers?.headers?.find((h) => h.key === 'x-obs');
    expect(header?.rawValue).toBeInstanceOf(Buffer);
    expect(header?.rawValue?.equals(OBS_TEXT)).toBe(true);

    const response = ProcessingResponse.decode(
      ProcessingResponse.encode({
        response: {
          $case: 'responseHeaders',
          value: {
            response: {
              headerMutation: { setHeaders: [{ header: { key: 'x-obs', rawValue: OBS_TEXT } }] },
            },
          },
        },
      }).finish(),
    );
    if (response.response?.$case !== 'responseHeaders') throw new Error('expected responseHeaders');
    const set = response.response.value.response?.headerMutation?.setHeaders?.[0]?.header;
    expect(set?.rawValue?.equals(OBS_TEXT)).toBe(true);
    expect(set?.rawValue?.length).toBe(OBS_TEXT.length);
  });

  it('decodes bytes fields to Buffer instances', () => {
    const req = ProcessingRequest.decode(
      ProcessingRequest.encode({
        request: { $case: 'requestBody', value: { body: Buffer.from('hello'), endOfStream: true } },
      }).finish(),
    );
    if (req.request?.$case !== 'requestBody') throw new Error('expected requestBody');
    expect(req.request.value.body).toBeInstanceOf(Buffer);
    expect(req.request.value.body?.toString()).toBe('hello');

    // Absent bytes fields decode to an empty Buffer, not undefined or a bare Uint8Array.
    const empty = HttpBody.decode(new Uint8Array(0));
    expect(empty.body).toBeInstanceOf(Buffer);
    expect(empty.body?.length).toBe(0);

    const mutation = BodyMutation.decode(
      BodyMutation.encode({ mutation: { $case: 'body', value: Buffer.from([0, 0xff]) } }).finish(),
    );
    if (mutation.mutation?.$case !== 'body') throw new Error('expected body');
    expect(mutation.mutation.value).toBeInstanceOf(Buffer);

    const streamed = StreamedBodyResponse.decode(
      StreamedBodyResponse.encode({ body: Buffer.from('x') }).finish(),
    );
    expect(streamed.body).toBeInstanceOf(Buffer);

    const immediate = ProcessingResponse.decode(
      ProcessingResponse.encode({
        response: {
          $case: 'immediateResponse',
          value: { status: { code: 403 }, body: Buffer.from('denied'), details: 'policy' },
        },
      }).finish(),
    );
    if (immediate.response?.$case !== 'immediateResponse') throw new Error('expected immediateResponse');
    expect(immediate.response.value.body).toBeInstanceOf(Buffer);
    expect(immediate.response.value.body?.toString()).toBe('denied');
  });
});
