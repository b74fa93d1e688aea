/**
 * V8's allocation-site pretenuring, turned off in the processes `attache serve` and `attache dev`
 * serve from.
 *
 * V8 watches, per allocation site, how many of its objects survive a young-generation collection;
 * a site whose objects mostly survive is "pretenured": its objects are then allocated straight
 * in the old generation, which only a mark-compact frees. Under `node:http2` a closed stream stays
 * reachable from its native handle until a mark-compact (bench/README.md, "Garbage per stream"),
 * so the objects made per stream, Node's and attache's, survive the scavenges after their stream
 * is over, and their sites get pretenured. From then on every stream's short-lived objects go
 * to the old generation: more concurrent marking, more mark-compacts, and each scavenge copies
 * what those old objects point to. With pretenuring off the same objects are copied once or
 * twice and die young. Measured on the http2 transport (Node 24, headers-only streams, one
 * core): 10-17% more streams per second, and about 2.5 µs less CPU per stream on V8's GC threads
 * (bench/README.md, "Allocation-site pretenuring").
 *
 * A library does not change the V8 flags of the process it is loaded into, so `createServer`
 * leaves them alone; the README tells embedders to start node with the flag.
 *
 * @module
 */
import v8 from 'node:v8';
import type { Logger } from '../log.js';

/** The node (V8) flag that keeps pretenuring on, and its underscore spelling (V8 accepts both). */
const KEEP = ['--allocation-site-pretenuring', '--allocation_site_pretenuring'];

/**
 * Turns V8's allocation-site pretenuring off for this process, unless node was started with
 * `--allocation-site-pretenuring` (how to keep V8's default). Returns whether it is off now.
 * Safe to call more than once; sites already pretenured stay so, so call it before serving.
 * @internal
 */
export function turnOffPretenuring(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => KEEP.includes(arg))) return false;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  return true;
}

/**
 * {@link turnOffPretenuring} for a serving command, saying at debug level which way it went.
 * @internal
 */
export function servingPretenuring(log: Logger): void {
  const off = turnOffPretenuring();
  log.debug(
    { allocationSitePretenuring: off ? 'off' : 'on' },
    off
      ? 'V8 allocation-site pretenuring turned off (start node with --allocation-site-pretenuring to keep it)'
      : 'V8 allocation-site pretenuring kept on (node was started with --allocation-site-pretenuring)',
  );
}
