/** The label the benchmarks print for the Go baseline server. */
export const GO_SERVER_LABEL: string;
/** Why the Go ext_proc server cannot be built here, or null when it can. */
export function goServerUnavailable(): string | null;
/** The vendored proto files `root` imports, itself included, well-known types left out; sorted. */
export function protoClosure(root?: string): string[];
/** Builds the Go ext_proc server (generating its protobuf packages first); resolves to the binary's path. */
export function buildGoServer(): Promise<string>;
