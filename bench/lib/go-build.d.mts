/** Where Debian's golang-*-dev packages put their sources. */
export const DEBIAN_GOPATH: string;
/** Why Go programs cannot be built here, or null when they can. */
export function goUnavailable(): string | null;
/** Builds the Go `main` package in `sourceDir`; resolves to the binary's path. */
export function goBuild(sourceDir: string, options?: { gopath?: readonly string[] }): Promise<string>;
