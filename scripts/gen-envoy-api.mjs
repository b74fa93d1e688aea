#!/usr/bin/env node
// Builds envoy/api/envoy-api.binpb: a binary FileDescriptorSet of the Envoy v3 API types a generated
// bootstrap uses (Bootstrap and everything it reaches, the HTTP connection manager, the router, the
// ext_proc filter, the upstream HTTP protocol options and the upstream TLS context), so that src/envoy-config/validate.ts can
// load generated configs strictly into Envoy's own types.
//
// Source: the same pinned @grpc/grpc-js-xds bundle as scripts/gen-protos.mjs (Envoy API between 1.31
// and 1.32), with protos/ laid over it: protos/ holds the ext_proc protos brought to Envoy 1.37+ by
// gen-protos (allowed_override_modes, status_on_error, allow_content_length_header...). CRLF becomes
// LF. The bundle's protoc-gen-validate is older than the Envoy API that uses it (no `ignore_empty`),
// so an `ignore_empty` field is added to each *Rules message of the scratch copy of validate.proto;
// validation rules are option values the validator does not read, so this changes no type.
//
// Usage: node scripts/gen-envoy-api.mjs [--out-root <dir>]

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEPS = path.join(REPO_ROOT, 'node_modules', '@grpc', 'grpc-js-xds', 'deps');
const XDS_VERSION = '1.14.1';

/** Folders copied from the bundle into one scratch root. */
const SOURCES = [
  ['envoy-api', 'envoy'],
  ['xds', 'udpa'],
  ['xds', 'xds'],
  ['googleapis', 'google'],
  ['protoc-gen-validate', 'validate'],
];

/** The files whose types (and imports) the descriptor set holds. */
export const API_FILES = [
  'envoy/config/bootstrap/v3/bootstrap.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/ext_proc/v3/ext_proc.proto',
  'envoy/extensions/upstreams/http/v3/http_protocol_options.proto',
  'envoy/extensions/transport_sockets/tls/v3/tls.proto',
];

function fail(message) {
  console.error(`gen-envoy-api: ${message}`);
  process.exit(1);
}

function listProtos(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listProtos(abs, base));
    else if (entry.name.endsWith('.proto')) out.push(path.relative(base, abs));
  }
  return out;
}

export function generate({ outRoot = REPO_ROOT } = {}) {
  const pkg = JSON.parse(readFileSync(path.join(DEPS, '..', 'package.json'), 'utf8'));
  if (pkg.version !== XDS_VERSION) fail(`@grpc/grpc-js-xds is ${pkg.version}, expected ${XDS_VERSION}`);
  const buf = path.join(REPO_ROOT, 'node_modules', '.bin', 'buf');
  if (!existsSync(buf)) fail(`${buf} not found; run npm ci`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'attache-envoy-api-'));
  try {
    for (const [root, dir] of SOURCES)
      cpSync(path.join(DEPS, root, dir), path.join(scratch, dir), { recursive: true });
    // protos/ (the Envoy 1.37+ ext_proc protos) wins over the bundle.
    const protos = path.join(REPO_ROOT, 'protos');
    for (const rel of listProtos(protos)) cpSync(path.join(protos, rel), path.join(scratch, rel));
    for (const rel of listProtos(scratch)) {
      const abs = path.join(scratch, rel);
      writeFileSync(abs, readFileSync(abs, 'utf8').replace(/\r\n?/g, '\n'));
    }
    const validate = path.join(scratch, 'validate', 'validate.proto');
    writeFileSync(
      validate,
      readFileSync(validate, 'utf8').replace(
        /^message (\w+Rules) \{\n/gm,
        'message $1 {\n    optional bool ignore_empty = 1000; // attache: newer PGV field the Envoy API uses\n',
      ),
    );
    writeFileSync(path.join(scratch, 'buf.yaml'), 'version: v2\n');
    const outDir = path.join(outRoot, 'envoy', 'api');
    mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, 'envoy-api.binpb');
    try {
      execFileSync(
        buf,
        ['build', '.', ...API_FILES.flatMap((f) => ['--path', f]), '--exclude-source-info', '-o', out],
        {
          cwd: scratch,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            ...process.env,
            BUF_CACHE_DIR: process.env.BUF_CACHE_DIR ?? path.join(tmpdir(), 'attache-buf-cache'),
          },
        },
      );
    } catch (err) {
      fail(`buf build failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  let outRoot = REPO_ROOT;
  if (argv[0] === '--out-root' && argv[1] !== undefined) outRoot = path.resolve(argv[1]);
  else if (argv.length > 0) fail('usage: node scripts/gen-envoy-api.mjs [--out-root <dir>]');
  console.log(`wrote ${path.relative(REPO_ROOT, generate({ outRoot }))}`);
}
