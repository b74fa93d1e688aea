/**
 * Takes the snapshot a pool task's templates read instead of the live stream (the main thread's
 * half; snapshot-view.ts reads it in the thread): a structured-clonable copy of this direction's
 * headers, the request's headers (from a response), the forwarded metadata namespaces and the
 * attributes the direction can reach (reach.ts), and the random values drawn so far in the
 * exchange. Built only for pool tasks; inline renderings read the stream itself.
 *
 * Headers are copied as the `[name, value]` pairs the view holds, values decoded exactly as
 * `getAll` decodes them, so `get` (repeated values joined with ", ") and `getAll` answer the
 * same in a thread as on the main thread.
 *
 * @module
 */
import type { Direction, HeaderView, StreamContext } from 'attache-extproc';
import { drawnSoFar } from './draws.js';
import type { Reach } from './reach.js';
import type { MessageSnapshot } from './snapshot-view.js';

function flatten(view: HeaderView | undefined): string[] | null {
  if (view === undefined) return null;
  const out: string[] = [];
  for (const [name, value] of view.entries()) out.push(name, value);
  return out;
}

/** Takes the snapshot of one message for a pool task. */
export function takeSnapshot(
  direction: Direction,
  headers: HeaderView | undefined,
  stream: StreamContext,
  reach: Reach,
): MessageSnapshot {
  const m: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const ns of reach.namespaces) {
    const values = stream.envoyMetadata(ns);
    if (values !== undefined) m[ns] = values;
  }
  const a: Record<string, unknown> = {};
  for (const name of reach.attributes) {
    const v = stream.attribute(name);
    if (v !== undefined) a[name] = v;
  }
  return {
    h: flatten(headers),
    r: direction === 'response' ? flatten(stream.requestHeaders) : null,
    m,
    a,
    x: drawnSoFar(stream),
  };
}
