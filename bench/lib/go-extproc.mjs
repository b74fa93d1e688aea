// Builds the benchmarks' Go ext_proc server (bench/go/extproc-server) with real generated types:
// protoc (Debian's protobuf-compiler) and the protoc-gen-go of Debian's github.com/golang/protobuf
// 1.3 (the protobuf API grpc-go 1.33 uses) turn the repository's vendored protos into Go
// packages in a temporary GOPATH, then lib/go-build.mjs builds the server against them. Nothing
// generated is committed; everything is cached under the OS temporary directory, keyed by what
// it was made from, so only the first run pays (Go's build cache makes the rest quick).

import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEBIAN_GOPATH, goBuild, goUnavailable } from './go-build.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const PROTOS = here('../../protos');
const SERVER_DIR = here('../go/extproc-server');
/** The service proto; the Go packages generated are those of its import closure. */
const ROOT_PROTO = 'envoy/service/ext_proc/v3/external_processor.proto';
/** protoc's own include directory (Debian's libprotobuf-dev, a dependency of protobuf-compiler). */
const PROTOC_INCLUDE = '/usr/include';
const PROTOC_GEN_GO = path.join(DEBIAN_GOPATH, 'src/github.com/golang/protobuf/protoc-gen-go');
/**
 * The well-known types at the import paths of golang/protobuf 1.3: protoc 3.21's own files name
 * google.golang.org/protobuf's packages, which Debian's grpc-go does not use.
 */
const WELL_KNOWN = {
  'google/protobuf/any.proto': 'github.com/golang/protobuf/ptypes/any',
  'google/protobuf/descriptor.proto': 'github.com/golang/protobuf/protoc-gen-go/descriptor',
  'google/protobuf/duration.proto': 'github.com/golang/protobuf/ptypes/duration',
  'google/protobuf/empty.proto': 'github.com/golang/protobuf/ptypes/empty',
  'google/protobuf/struct.proto': 'github.com/golang/protobuf/ptypes/struct',
  'google/protobuf/timestamp.proto': 'github.com/golang/protobuf/ptypes/timestamp',
  'google/protobuf/wrappers.proto': 'github.com/golang/protobuf/ptypes/wrappers',
};

/** The label the benchmarks print for this server. */
export const GO_SERVER_LABEL = 'Go grpc-go';

/**
 * Why the Go ext_proc server cannot be built here, or null when it can: Go with grpc-go's sources
 * (lib/go-build.mjs), protoc with its well-known types, and golang/protobuf's protoc-gen-go
 * sources (`apt-get install golang-go golang-google-grpc-dev protobuf-compiler`).
 */
export function goServerUnavailable() {
  const go = goUnavailable();
  if (go !== null) return go;
  const protoc = spawnSync('protoc', ['--version'], { encoding: 'utf8' });
  if (protoc.error !== undefined || protoc.status !== 0)
    return 'no `protoc` on PATH (Debian: apt-get install protobuf-compiler)';
  if (!existsSync(path.join(PROTOC_INCLUDE, 'google/protobuf/descriptor.proto')))
    return `no protobuf well-known types under ${PROTOC_INCLUDE} (Debian: apt-get install libprotobuf-dev)`;
  if (!existsSync(PROTOC_GEN_GO))
    return `no protoc-gen-go sources at ${PROTOC_GEN_GO} (Debian: apt-get install golang-github-golang-protobuf-1-3-dev)`;
  if (!existsSync(path.join(DEBIAN_GOPATH, 'src/google.golang.org/grpc/health')))
    return `no grpc-go health package under ${DEBIAN_GOPATH}`;
  return null;
}

/** The vendored proto files `root` imports, itself included, well-known types left out; sorted. */
export function protoClosure(root = ROOT_PROTO) {
  const seen = new Set();
  const todo = [root];
  while (todo.length > 0) {
    const file = todo.pop();
    if (seen.has(file) || file in WELL_KNOWN) continue;
    const text = readFileSync(path.join(PROTOS, file), 'utf8');
    seen.add(file);
    for (const m of text.matchAll(/^import\s+(?:public\s+|weak\s+)?"([^"]+)";/gm)) todo.push(m[1]);
  }
  return [...seen].sort();
}

/** The files of `files` grouped by their Go import path (protoc-gen-go 1.3 takes one package per run). */
function byGoPackage(files) {
  const groups = new Map();
  for (const file of files) {
    const m = /^option\s+go_package\s*=\s*"([^";]+)(?:;[^"]*)?";/m.exec(
      readFileSync(path.join(PROTOS, file), 'utf8'),
    );
    if (m === null) throw new Error(`protos/${file} has no go_package option`);
    groups.set(m[1], [...(groups.get(m[1]) ?? []), file]);
  }
  return groups;
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    execFile(command, args, options, (error, _out, err) => {
      if (error === null) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed:\n${err || error.message}`));
    });
  });
}

/**
 * Generates the Go packages of the service proto's closure into a GOPATH directory and resolves
 * to it. Reused when the protos, protoc and protoc-gen-go have not changed.
 */
async function generate(protocGenGo) {
  const files = protoClosure();
  const protoc = spawnSync('protoc', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const hash = createHash('sha256').update(protoc).update('\0').update(protocGenGo);
  for (const file of files)
    hash
      .update('\0')
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(PROTOS, file)));
  const root = path.join(tmpdir(), 'attache-go-build');
  const gopath = path.join(root, `extproc-gopath-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(gopath)) return gopath;
  // Generate under a temporary name and rename, so a half-made directory is never reused.
  const partial = `${gopath}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.join(partial, 'src'), { recursive: true });
  const mappings = Object.entries(WELL_KNOWN).map(([proto, pkg]) => `M${proto}=${pkg}`);
  const goOut = `--go_out=plugins=grpc,${mappings.join(',')}:${path.join(partial, 'src')}`;
  for (const group of byGoPackage(files).values()) {
    await run(
      'protoc',
      ['-I', PROTOS, '-I', PROTOC_INCLUDE, `--plugin=protoc-gen-go=${protocGenGo}`, goOut, ...group],
      { cwd: PROTOS },
    );
  }
  writeFileSync(path.join(partial, 'SOURCES'), `${protoc}\n${files.join('\n')}\n`);
  try {
    renameSync(partial, gopath);
  } catch (error) {
    // Another run finished the same directory first: use it.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(gopath)) throw error;
  }
  return gopath;
}

/**
 * Builds the Go ext_proc server (generating its protobuf packages first) and resolves to the
 * binary's path. Call goServerUnavailable() first.
 *
 * @returns {Promise<string>}
 */
export async function buildGoServer() {
  const protocGenGo = await goBuild(PROTOC_GEN_GO);
  const gopath = await generate(protocGenGo);
  return goBuild(SERVER_DIR, { gopath: [gopath] });
}
