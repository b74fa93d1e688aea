// Builds a small Go program against the Go packages Debian installs (`golang-go` and its
// `golang-*-dev` source packages under /usr/share/gocode), with no module download: the npm
// registry and Debian are all this project's machines can reach. Used by the benchmarks' Go
// baseline server and by the interop tests' Go client; both skip with the reason when Go or a
// package is missing.
//
// GOPATH mode (GO111MODULE=off) is what lets `go build` resolve imports from Debian's tree;
// modules would try the network. Builds go to a cache directory keyed by a hash of the sources,
// of `go version` and of what dpkg records for the installed golang-* packages (the checksum of
// every file they hold), so a second run reuses the binary and an apt upgrade of Go or of a Debian
// Go package builds a new one; Go's own build cache makes a rebuild quick.

import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where Debian's golang-*-dev packages put their sources. */
export const DEBIAN_GOPATH = '/usr/share/gocode';

/** Where dpkg keeps each installed package's file checksums (`<package>.md5sums`). */
const DPKG_INFO = '/var/lib/dpkg/info';

/** @type {string | undefined} */
let toolchainKey;

/**
 * What identifies the Go toolchain and Debian's Go sources: `go version`, then each installed
 * golang-* package's dpkg checksum list (none outside Debian). Read once per process.
 */
function goToolchainKey() {
  if (toolchainKey !== undefined) return toolchainKey;
  const hash = createHash('sha256');
  hash.update(spawnSync('go', ['version'], { encoding: 'utf8' }).stdout ?? '');
  if (existsSync(DPKG_INFO)) {
    for (const name of readdirSync(DPKG_INFO)
      .filter((n) => n.startsWith('golang-') && n.endsWith('.md5sums'))
      .sort()) {
      hash
        .update(name)
        .update('\0')
        .update(readFileSync(path.join(DPKG_INFO, name)));
    }
  }
  toolchainKey = hash.digest('hex');
  return toolchainKey;
}

/**
 * Why Go programs cannot be built here, or null when they can: `go` must run and Debian's gRPC
 * sources must be present (`apt-get install golang-go golang-google-grpc-dev`).
 */
export function goUnavailable() {
  const version = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) {
    return 'no `go` on PATH (Debian: apt-get install golang-go golang-google-grpc-dev)';
  }
  if (!existsSync(path.join(DEBIAN_GOPATH, 'src/google.golang.org/grpc'))) {
    return `no grpc-go sources under ${DEBIAN_GOPATH} (Debian: apt-get install golang-google-grpc-dev)`;
  }
  return null;
}

/**
 * Builds the Go `main` package in `sourceDir` (its `*.go` files) and resolves to the binary's
 * path. Rejects with Go's own output when the build fails.
 *
 * @param {string} sourceDir
 * @param {{ gopath?: readonly string[] }} [options] extra GOPATH entries searched before Debian's
 *   (generated packages, for example)
 * @returns {Promise<string>}
 */
export function goBuild(sourceDir, options = {}) {
  const extra = options.gopath ?? [];
  const hash = createHash('sha256');
  for (const name of readdirSync(sourceDir)
    .filter((n) => n.endsWith('.go'))
    .sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(path.join(sourceDir, name)));
  }
  hash.update(extra.join(path.delimiter)).update('\0').update(goToolchainKey());
  const dir = path.join(tmpdir(), 'attache-go-build');
  mkdirSync(dir, { recursive: true });
  const binary = path.join(dir, `${path.basename(sourceDir)}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return Promise.resolve(binary);
  const env = {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH: [...extra, DEBIAN_GOPATH].join(path.delimiter),
    GOFLAGS: '',
  };
  return new Promise((resolve, reject) => {
    // Build to a temporary name and rename, so a build killed half-way never leaves a binary
    // that a later run would take as finished.
    const partial = `${binary}.${process.pid}.partial`;
    execFile('go', ['build', '-o', partial, '.'], { cwd: sourceDir, env }, (error, _out, err) => {
      if (error !== null) {
        reject(new Error(`go build in ${sourceDir} failed:\n${err || error.message}`));
        return;
      }
      renameSync(partial, binary);
      resolve(binary);
    });
  });
}
