// Server B: a bare @grpc/grpc-js bidi server, the T4 baseline of performance.md.
// Raw (identity) serialize/deserialize, no proto-loader; every message gets the precomputed
// encoded reply. With --decode it also decodes each request with the project's codec and reads
// `:path` / the body, like the baseline of performance.md §2.3.
import * as grpc from '@grpc/grpc-js';
import { decodeRequest } from '../../dist/src/protocol/codec.js';
import { childLifecycle, ready } from './child.mjs';
import { PROCESS_PATH, replyBytes } from './messages.mjs';

const scenario = process.argv[2];
const decode = process.argv.includes('--decode');
const REPLY = replyBytes(scenario);

function inspect(bytes) {
  const request = decodeRequest(bytes).request;
  if (request?.$case === 'requestHeaders') {
    return request.value.headers?.headers?.some((h) => h.key === ':path') === true;
  }
  return request?.$case === 'requestBody' && (request.value.body?.length ?? 0) > 0;
}

const identity = (b) => b;
const server = new grpc.Server();
server.addService(
  {
    Process: {
      path: PROCESS_PATH,
      requestStream: true,
      responseStream: true,
      originalName: 'process',
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  },
  {
    Process(call) {
      call.on('data', (bytes) => {
        if (decode && !inspect(bytes)) throw new Error('unexpected request');
        call.write(REPLY);
      });
      call.on('end', () => call.end());
      call.on('error', () => {});
    },
  },
);
childLifecycle('server-grpcjs', () => new Promise((resolve) => server.tryShutdown(() => resolve())));
const port = await new Promise((resolve, reject) => {
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) =>
    error ? reject(error) : resolve(p),
  );
});
ready(port);
