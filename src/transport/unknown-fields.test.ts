/** Fields a later Envoy or a proxyless gRPC client adds: skipped, the message processed, a debug line. */
import { describe, expect, it } from 'vitest';
import { frame, rawStream } from '../../test/support/raw-grpc.js';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { pluginOf, useServers } from '../../test/support/servers.js';
import { decodeResponse, encodeRequest, unknownFields } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';

const servers = useServers();

const headers = encodeRequest({
  request: {
    $case: 'requestHeaders',
    value: {
      headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from('/') }] },
      endOfStream: true,
    },
  },
});
// flow_control_init (12, a message holding a varint) and client_window_update (13, empty).
const LATER_FIELDS = Buffer.from([0x62, 0x02, 0x08, 0x40, 0x6a, 0x00]);

describe('unknown ProcessingRequest fields', () => {
  it('names the top-level fields this build does not know', () => {
    expect(unknownFields(headers)).toEqual([]);
    expect(unknownFields(Buffer.concat([headers, LATER_FIELDS]))).toEqual([12, 13]);
  });

  it.each(['http2', 'grpc-js', 'wire'] as const)(
    'over %s: the message is answered and the fields named at debug',
    async (transport) => {
      const { log, lines } = recordingLogger();
      const { address } = await servers.start({
        plugins: [{ plugin: pluginOf({ requestHeaders: (ctx) => void ctx.mutate.set('x-seen', '1') }) }],
        transport,
        log,
      });
      const r = await rawStream(servers.session(address), PROCESS_PATH, [
        frame(Buffer.concat([headers, LATER_FIELDS])),
      ]).response;
      expect(r.grpcStatus).toBe(0);
      expect(r.messages.map((m) => decodeResponse(m).response?.$case)).toEqual(['requestHeaders']);
      const notes = lines.filter((l) =>
        l.msg.startsWith('ProcessingRequest fields this attache does not know'),
      );
      expect(notes.map((l) => [l.level, l.fields.fields])).toEqual([['debug', [12, 13]]]);
    },
  );
});
