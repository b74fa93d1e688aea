#!/usr/bin/env node
// Vendors Envoy's ext_proc protos from the pinned @grpc/grpc-js-xds bundle into protos/, brings them to
// the Envoy 1.37+ wire schema with anchored text edits, validates them with `buf build` and generates
// TypeScript with ts-proto into src/gen/ for only the message types attache encodes or decodes, with
// the option annotations (validation rules, versioning, status) filtered out. See protos/README.md.
//
// Usage: node scripts/gen-protos.mjs [--out-root <dir>]
//   --out-root <dir>  write <dir>/protos/ and <dir>/src/gen/ instead of the repository's own
//                     (used by scripts/check-generated.mjs; protos/README.md is not written there).

import { execFileSync } from 'node:child_process';
import {
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

const XDS_PACKAGE = '@grpc/grpc-js-xds';
const XDS_VERSION = '1.14.1';
const XDS_DIR = path.join(REPO_ROOT, 'node_modules', ...XDS_PACKAGE.split('/'));

/** Proto roots inside the bundle, in lookup order. Each keeps its own relative layout in protos/. */
const BUNDLE_ROOTS = ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) =>
  path.join(XDS_DIR, 'deps', d),
);

/** Files whose transitive import closure is vendored into protos/. */
const VENDOR_ROOTS = [
  'envoy/service/ext_proc/v3/external_processor.proto',
  'envoy/extensions/filters/http/ext_proc/v3/processing_mode.proto',
  'envoy/extensions/filters/http/ext_proc/v3/ext_proc.proto',
];

/**
 * Types TypeScript is generated for (`buf generate --type`): these and every message and enum their
 * fields reach, nothing else of the files that declare them. The server decodes ProcessingRequest and
 * encodes ProcessingResponse; the test kit does the reverse. ProcessingMode is reachable from both
 * (mode_override, protocol_config) and is listed because src/protocol names its enums directly.
 */
const GENERATE_TYPES = [
  'envoy.service.ext_proc.v3.ProcessingRequest',
  'envoy.service.ext_proc.v3.ProcessingResponse',
  'envoy.extensions.filters.http.ext_proc.v3.ProcessingMode',
];

/**
 * Packages that only declare option annotations (custom options on descriptor.proto's *Options).
 * Excluded from generation (`buf generate --exclude-type`): buf then drops their option values from
 * the generated types' descriptors, so neither they nor google/protobuf/descriptor.proto are
 * generated. No code reads them; ts-proto's encode/decode do not depend on them.
 */
const ANNOTATION_PACKAGES = ['validate', 'udpa.annotations', 'xds.annotations.v3', 'envoy.annotations'];

/** Generated only if a custom option survived the exclusion (every custom option extends it). */
const DESCRIPTOR_TS = 'google/protobuf/descriptor.ts';

/** Imports buf provides itself (well-known types); they are not in the bundle and are not vendored. */
const BUILTIN_IMPORT_PREFIX = 'google/protobuf/';

const TS_PROTO_OPTIONS = [
  'esModuleInterop=true',
  'importSuffix=.js',
  'env=node',
  'oneof=unions-value',
  'useOptionals=all',
  'forceLong=number',
  'outputServices=false',
  'outputJsonMethods=false',
  'outputPartialMethods=false',
  'outputTypeRegistry=false',
  'exportCommonSymbols=false',
  'useDate=false',
].join(',');

/** Written into protos/ so that `buf build protos` works by hand too. Lint is not configured. */
const BUF_YAML = 'version: v2\n';

const FILES_KEPT_IN_PROTOS = new Set(['README.md']);

// ---------------------------------------------------------------------------------------------------
// Envoy 1.37+ additions (protocol doc §2 and §14). Each edit must find its anchor exactly once.
// position: 'after' inserts text after the anchor, 'before' inserts before it, 'replace' replaces it.

const NOTE = 'attache: added for Envoy 1.37+ per the ext_proc protocol doc';

const EXTERNAL_PROCESSOR = 'envoy/service/ext_proc/v3/external_processor.proto';
const PROCESSING_MODE = 'envoy/extensions/filters/http/ext_proc/v3/processing_mode.proto';
const EXT_PROC = 'envoy/extensions/filters/http/ext_proc/v3/ext_proc.proto';

const EDITS = [
  // --- external_processor.proto --------------------------------------------------------------------
  {
    file: EXTERNAL_PROCESSOR,
    name: 'ProcessingRequest next-free-field',
    anchor: '// [#next-free-field: 11]\nmessage ProcessingRequest {\n',
    position: 'replace',
    text: '// [#next-free-field: 12]\nmessage ProcessingRequest {\n',
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'ProcessingRequest.protocol_config = 11',
    anchor: '  bool observability_mode = 10;\n',
    position: 'after',
    text: `\n  // ${NOTE}.\n  ProtocolConfiguration protocol_config = 11;\n`,
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'message ProtocolConfiguration',
    anchor: '// For every ProcessingRequest received by the server with the ``observability_mode`` field\n',
    position: 'before',
    text:
      `// ${NOTE}.\n` +
      'message ProtocolConfiguration {\n' +
      '  envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode request_body_mode = 1;\n\n' +
      '  envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode response_body_mode = 2;\n\n' +
      '  bool send_body_without_waiting_for_header_response = 3;\n' +
      '}\n\n',
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'ProcessingResponse next-free-field',
    anchor: '// [#next-free-field: 11]\nmessage ProcessingResponse {\n',
    position: 'replace',
    text: '// [#next-free-field: 13]\nmessage ProcessingResponse {\n',
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'ProcessingResponse.streamed_immediate_response = 11 (oneof response)',
    anchor: '    ImmediateResponse immediate_response = 7;\n',
    position: 'after',
    text: `\n    // ${NOTE}.\n    StreamedImmediateResponse streamed_immediate_response = 11;\n`,
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'ProcessingResponse.request_drain = 12',
    anchor: '  google.protobuf.Duration override_message_timeout = 10;\n',
    position: 'after',
    text: `\n  // ${NOTE} (declared, not implemented by Envoy).\n  bool request_drain = 12;\n`,
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'HttpBody.end_of_stream_without_message = 3, grpc_message_compressed = 4',
    anchor: 'message HttpBody {\n  bytes body = 1;\n\n  bool end_of_stream = 2;\n',
    position: 'after',
    text:
      `\n  // ${NOTE} (GRPC body mode only).\n  bool end_of_stream_without_message = 3;\n` +
      `\n  // ${NOTE} (GRPC body mode only).\n  bool grpc_message_compressed = 4;\n`,
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'messages StreamedImmediateResponse and StreamedBodyResponse',
    anchor: '// Replace the entire message body chunk received in the corresponding\n',
    position: 'before',
    text:
      `// ${NOTE}.\n` +
      'message StreamedImmediateResponse {\n' +
      '  oneof response {\n' +
      '    HttpHeaders headers_response = 1;\n\n' +
      '    StreamedBodyResponse body_response = 2;\n\n' +
      '    config.core.v3.HeaderMap trailers_response = 3;\n' +
      '  }\n' +
      '}\n\n' +
      `// ${NOTE}.\n` +
      'message StreamedBodyResponse {\n' +
      '  bytes body = 1;\n\n' +
      '  bool end_of_stream = 2;\n\n' +
      '  bool end_of_stream_without_message = 3;\n\n' +
      '  bool grpc_message_compressed = 4;\n' +
      '}\n\n',
  },
  {
    file: EXTERNAL_PROCESSOR,
    name: 'BodyMutation.streamed_response = 3 (oneof mutation)',
    anchor: '    bool clear_body = 2;\n',
    position: 'after',
    text: `\n    // ${NOTE}.\n    StreamedBodyResponse streamed_response = 3;\n`,
  },

  // --- processing_mode.proto -----------------------------------------------------------------------
  {
    file: PROCESSING_MODE,
    name: 'BodySendMode FULL_DUPLEX_STREAMED = 4, GRPC = 5',
    anchor: '    BUFFERED_PARTIAL = 3;\n',
    position: 'after',
    text:
      `\n    // ${NOTE}.\n    FULL_DUPLEX_STREAMED = 4;\n` +
      `\n    // ${NOTE} (not implemented by Envoy).\n    GRPC = 5;\n`,
  },

  // --- ext_proc.proto ------------------------------------------------------------------------------
  {
    file: EXT_PROC,
    name: 'import envoy/config/core/v3/extension.proto',
    anchor: 'import "envoy/config/core/v3/base.proto";\n',
    position: 'after',
    text: 'import "envoy/config/core/v3/extension.proto"; // attache: Envoy 1.37+\n',
  },
  {
    file: EXT_PROC,
    name: 'import envoy/config/core/v3/http_service.proto',
    anchor: 'import "envoy/config/core/v3/grpc_service.proto";\n',
    position: 'after',
    text: 'import "envoy/config/core/v3/http_service.proto"; // attache: Envoy 1.37+\n',
  },
  {
    file: EXT_PROC,
    name: 'import envoy/type/v3/http_status.proto',
    anchor: 'import "envoy/type/matcher/v3/string.proto";\n',
    position: 'after',
    text: 'import "envoy/type/v3/http_status.proto"; // attache: Envoy 1.37+\n',
  },
  {
    file: EXT_PROC,
    name: 'import google/protobuf/wrappers.proto',
    anchor: 'import "google/protobuf/struct.proto";\n',
    position: 'after',
    text: 'import "google/protobuf/wrappers.proto"; // attache: Envoy 1.37+\n',
  },
  {
    file: EXT_PROC,
    name: 'ExternalProcessor next-free-field',
    anchor: '// [#next-free-field: 20]\nmessage ExternalProcessor {\n',
    position: 'replace',
    text: '// [#next-free-field: 27]\nmessage ExternalProcessor {\n',
  },
  {
    file: EXT_PROC,
    name: 'ExternalProcessor.grpc_service no longer required',
    anchor: '  config.core.v3.GrpcService grpc_service = 1 [(validate.rules).message = {required: true}];\n',
    position: 'replace',
    text:
      '  // attache: no longer required since Envoy 1.37+ (http_service = 20 is the alternative).\n' +
      '  config.core.v3.GrpcService grpc_service = 1;\n',
  },
  {
    file: EXT_PROC,
    name: 'ExternalProcessor fields 20-26',
    anchor: '  google.protobuf.Duration deferred_close_timeout = 19;\n',
    position: 'after',
    text:
      `\n  // ${NOTE}.\n  ExtProcHttpService http_service = 20;\n` +
      `\n  // ${NOTE}.\n  bool send_body_without_waiting_for_header_response = 21;\n` +
      `\n  // ${NOTE}.\n  repeated ProcessingMode allowed_override_modes = 22;\n` +
      `\n  // ${NOTE}.\n  config.core.v3.TypedExtensionConfig on_processing_response = 23;\n` +
      `\n  // ${NOTE}.\n  type.v3.HttpStatus status_on_error = 24;\n` +
      `\n  // ${NOTE}.\n  config.core.v3.TypedExtensionConfig processing_request_modifier = 25;\n` +
      '\n  // attache: added for Envoy 1.38+ per the ext_proc protocol doc.\n' +
      '  bool allow_content_length_header = 26;\n',
  },
  {
    file: EXT_PROC,
    name: 'message ExtProcHttpService',
    anchor: '// The MetadataOptions structure defines options for the sending and receiving of\n',
    position: 'before',
    text:
      `// ${NOTE}.\n` +
      'message ExtProcHttpService {\n' +
      '  config.core.v3.HttpService http_service = 1;\n' +
      '}\n\n',
  },
  {
    file: EXT_PROC,
    name: 'MetadataOptions.cluster_metadata_forwarding_namespaces = 3',
    anchor: '  MetadataNamespaces receiving_namespaces = 2;\n',
    position: 'after',
    text: `\n  // ${NOTE}.\n  MetadataNamespaces cluster_metadata_forwarding_namespaces = 3;\n`,
  },
  {
    file: EXT_PROC,
    name: 'ExtProcOverrides next-free-field',
    anchor: '// [#next-free-field: 8]\nmessage ExtProcOverrides {\n',
    position: 'replace',
    text: '// [#next-free-field: 10]\nmessage ExtProcOverrides {\n',
  },
  {
    file: EXT_PROC,
    name: 'ExtProcOverrides.failure_mode_allow = 8, processing_request_modifier = 9',
    anchor: '  repeated config.core.v3.HeaderValue grpc_initial_metadata = 7;\n',
    position: 'after',
    text:
      `\n  // ${NOTE}.\n  google.protobuf.BoolValue failure_mode_allow = 8;\n` +
      `\n  // ${NOTE}.\n  config.core.v3.TypedExtensionConfig processing_request_modifier = 9;\n`,
  },
];

// ---------------------------------------------------------------------------------------------------

class GenError extends Error {}

function fail(message) {
  throw new GenError(message);
}

function countOccurrences(haystack, needle) {
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) count++;
  return count;
}

function applyEdits(file, source) {
  let text = source;
  for (const edit of EDITS.filter((e) => e.file === file)) {
    const n = countOccurrences(text, edit.anchor);
    if (n !== 1) {
      fail(`edit "${edit.name}" on ${file}: anchor found ${n} times, expected exactly once`);
    }
    const at = text.indexOf(edit.anchor);
    const end = at + edit.anchor.length;
    if (edit.position === 'after') text = text.slice(0, end) + edit.text + text.slice(end);
    else if (edit.position === 'before') text = text.slice(0, at) + edit.text + text.slice(at);
    else if (edit.position === 'replace') text = text.slice(0, at) + edit.text + text.slice(end);
    else fail(`edit "${edit.name}" on ${file}: unknown position ${edit.position}`);
  }
  return text;
}

function checkPinnedVersion() {
  const pkgJson = path.join(XDS_DIR, 'package.json');
  if (!existsSync(pkgJson)) fail(`${XDS_PACKAGE} is not installed (${pkgJson} missing); run npm ci`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  if (version !== XDS_VERSION) {
    fail(
      `${XDS_PACKAGE} is ${version}, but the vendored protos and edits are pinned to exactly ${XDS_VERSION}; ` +
        'review the edits in scripts/gen-protos.mjs and protos/README.md before changing the pin',
    );
  }
}

function findInBundle(importPath) {
  for (const root of BUNDLE_ROOTS) {
    const abs = path.join(root, importPath);
    if (existsSync(abs)) return abs;
  }
  return undefined;
}

const IMPORT_RE = /^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm;

function parseImports(text) {
  return [...text.matchAll(IMPORT_RE)].map((m) => m[1]);
}

/** Returns Map<relative path, LF-normalised and edited text> of the transitive import closure. */
function collectClosure() {
  const files = new Map();
  const builtins = new Set();
  const queue = [...VENDOR_ROOTS];
  while (queue.length > 0) {
    const rel = queue.shift();
    if (files.has(rel)) continue;
    const abs = findInBundle(rel);
    if (abs === undefined) {
      if (rel.startsWith(BUILTIN_IMPORT_PREFIX)) {
        builtins.add(rel);
        continue;
      }
      fail(`import "${rel}" not found in any bundle root of ${XDS_PACKAGE}`);
    }
    const text = applyEdits(rel, readFileSync(abs, 'utf8').replace(/\r\n?/g, '\n'));
    files.set(rel, text);
    queue.push(...parseImports(text));
  }
  for (const edit of EDITS) {
    if (!files.has(edit.file)) fail(`edit "${edit.name}": ${edit.file} is not in the vendored closure`);
  }
  return { files, builtins };
}

function wipeDir(dir, keep = new Set()) {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (keep.has(entry)) continue;
    rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  } catch (err) {
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim();
    fail(`${path.basename(cmd)} ${args.join(' ')} failed${out ? `:\n${out}` : ''}`);
  }
}

/**
 * buf's --exclude-type also removes fields typed to an excluded message or enum. The annotation
 * packages must only ever disappear as option values, so this fails if any field of a type that is
 * generated refers to a type in one of them (which would silently drop that field from the codec).
 */
function checkExclusionsKeepFields(buf, protosDir, env) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'attache-gen-image-'));
  try {
    const imagePath = path.join(scratch, 'image.json');
    const typeArgs = GENERATE_TYPES.flatMap((t) => ['--type', t]);
    run(buf, ['build', protosDir, ...typeArgs, '--exclude-source-info', '-o', imagePath], { env });
    const image = JSON.parse(readFileSync(imagePath, 'utf8'));
    const inAnnotationPackage = (fullName) =>
      ANNOTATION_PACKAGES.find((p) => fullName === p || fullName.startsWith(`${p}.`));
    const dropped = [];
    const walk = (prefix, messages = []) => {
      for (const m of messages) {
        const name = `${prefix}.${m.name}`;
        for (const f of m.field ?? []) {
          const pkg = f.typeName && inAnnotationPackage(f.typeName.slice(1));
          if (pkg) dropped.push(`${name}.${f.name} (${f.typeName.slice(1)}, package ${pkg})`);
        }
        walk(name, m.nestedType);
      }
    };
    for (const file of image.file) {
      if (!inAnnotationPackage(file.package ?? '')) walk(file.package ?? '', file.messageType);
    }
    if (dropped.length > 0) {
      fail(
        `excluding ANNOTATION_PACKAGES would drop fields from the generated codecs: ${dropped.join('; ')}`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function binary(name) {
  const abs = path.join(REPO_ROOT, 'node_modules', '.bin', name);
  if (!existsSync(abs)) fail(`${abs} not found; run npm ci`);
  return abs;
}

export function generate({ outRoot = REPO_ROOT, log = console.log } = {}) {
  checkPinnedVersion();
  const protosDir = path.join(outRoot, 'protos');
  const genDir = path.join(outRoot, 'src', 'gen');

  // a. + b. vendor the closure, with the Envoy 1.37+ edits applied.
  const { files, builtins } = collectClosure();
  wipeDir(protosDir, FILES_KEPT_IN_PROTOS);
  for (const rel of [...files.keys()].sort()) {
    const dest = path.join(protosDir, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, files.get(rel));
  }
  writeFileSync(path.join(protosDir, 'buf.yaml'), BUF_YAML);
  log(
    `vendored ${files.size} protos from ${XDS_PACKAGE}@${XDS_VERSION} into ${path.relative(REPO_ROOT, protosDir) || '.'}` +
      ` (${EDITS.length} Envoy 1.37+ edits; well-known types from buf: ${[...builtins].sort().join(', ')})`,
  );

  // c. validate everything, then generate TypeScript for the types attache encodes and decodes.
  const buf = binary('buf');
  const plugin = binary('protoc-gen-ts_proto');
  const env = {
    ...process.env,
    BUF_CACHE_DIR: process.env.BUF_CACHE_DIR ?? path.join(tmpdir(), 'attache-buf-cache'),
  };
  run(buf, ['build', protosDir], { env });

  wipeDir(genDir);
  const template = {
    version: 'v2',
    plugins: [
      {
        local: plugin,
        out: genDir,
        opt: TS_PROTO_OPTIONS,
        include_imports: true,
        include_wkt: true,
        strategy: 'all',
      },
    ],
  };
  checkExclusionsKeepFields(buf, protosDir, env);
  const typeArgs = [
    ...GENERATE_TYPES.flatMap((t) => ['--type', t]),
    ...ANNOTATION_PACKAGES.flatMap((p) => ['--exclude-type', p]),
  ];
  run(buf, ['generate', protosDir, '--template', JSON.stringify(template), ...typeArgs], { env });
  const generated = listFiles(genDir);
  if (generated.length === 0) fail(`buf generate produced no files in ${genDir}`);
  if (generated.includes(DESCRIPTOR_TS)) {
    fail(
      `${DESCRIPTOR_TS} was generated: a generated type still carries a custom option from a package ` +
        `outside ANNOTATION_PACKAGES (${ANNOTATION_PACKAGES.join(', ')}); add that package in scripts/gen-protos.mjs`,
    );
  }
  log(`generated ${generated.length} TypeScript files into ${path.relative(REPO_ROOT, genDir) || genDir}`);
  return { protosDir, genDir };
}

/** Sorted relative paths of all files below dir (recursively). */
export function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(abs, base));
    else out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out.sort();
}

function parseArgs(argv) {
  const args = { outRoot: REPO_ROOT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out-root' && argv[i + 1] !== undefined) args.outRoot = path.resolve(argv[++i]);
    else fail(`unknown argument ${argv[i]}; usage: node scripts/gen-protos.mjs [--out-root <dir>]`);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    generate(parseArgs(process.argv.slice(2)));
  } catch (err) {
    if (err instanceof GenError) {
      console.error(`gen-protos: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
