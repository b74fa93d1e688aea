// The check every processor-only benchmark makes of a server before it measures it: one stream
// through node:http2 gets exactly the expected reply bytes and grpc-status 0, so a server that
// answers every stream with an error is never measured as a fast one.
import http2 from 'node:http2';

/** One stream through node:http2: the server answers with exactly the reply bytes and grpc-status 0. */
export async function probe(port, path, request, expected) {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  try {
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const chunks = [];
    let status;
    stream.on('data', (c) => chunks.push(c));
    stream.on('trailers', (t) => (status = t['grpc-status']));
    stream.end(request);
    await new Promise((resolve, reject) => {
      stream.on('close', resolve);
      stream.on('error', reject);
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref();
    });
    const body = Buffer.concat(chunks);
    if (status !== '0') return `grpc-status ${status}`;
    if (!body.equals(expected))
      return `reply of ${body.length} bytes differs from the expected ${expected.length}`;
    return null;
  } finally {
    session.close();
  }
}
