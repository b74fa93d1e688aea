#!/usr/bin/env node
// The container's health check: calls grpc.health.v1.Health/Check (service "") on the local
// attache and exits 0 when it answers SERVING, else 1. Node's own http2 client, no dependency.
//
// Usage: node scripts/grpc-health.mjs [port]   (default 50051)

import { connect } from 'node:http2';

const port = Number(process.argv[2] ?? 50051);
const fail = (why) => {
  console.error(`grpc-health: ${why}`);
  process.exit(1);
};
const timer = setTimeout(() => fail('no answer within 2 s'), 2000);
const session = connect(`http://127.0.0.1:${port}`);
session.on('error', (error) => fail(error.message));
const call = session.request({
  ':method': 'POST',
  ':path': '/grpc.health.v1.Health/Check',
  'content-type': 'application/grpc',
  te: 'trailers',
});
const chunks = [];
call.on('data', (chunk) => chunks.push(chunk));
call.on('trailers', (trailers) => {
  const body = Buffer.concat(chunks);
  // One gRPC frame: 5-byte prefix, then HealthCheckResponse { status = 1 (SERVING) } = 08 01.
  const serving = body.length >= 7 && body[5] === 0x08 && body[6] === 0x01;
  clearTimeout(timer);
  session.close();
  if (trailers['grpc-status'] !== '0') fail(`grpc-status ${trailers['grpc-status']}`);
  if (!serving) fail('not SERVING');
});
call.on('error', (error) => fail(error.message));
// An empty HealthCheckRequest (service ""): an uncompressed frame of length 0.
call.end(Buffer.alloc(5));
