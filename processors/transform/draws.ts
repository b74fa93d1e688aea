/**
 * Where `randomReplace` keeps the values it drew for an exchange: the stream's state, so one
 * needle gives the same value across the templates and both directions of one exchange, and a
 * new one in the next exchange. Main thread only (pool tasks carry a copy, see snapshot.ts).
 *
 * @module
 */
import { createStateKey, type StreamContext } from 'attache-extproc';

const randomKey = createStateKey<Map<string, string>>('transform.random');

/** The exchange's draws, by needle (created on first use). */
export function drawsOf(stream: StreamContext): Map<string, string> {
  let drawn = stream.get(randomKey);
  if (drawn === undefined) stream.set(randomKey, (drawn = new Map()));
  return drawn;
}

/** The exchange's draws so far, as pairs (`null`: none). */
export function drawnSoFar(stream: StreamContext): Array<[string, string]> | null {
  const drawn = stream.get(randomKey);
  return drawn === undefined || drawn.size === 0 ? null : [...drawn];
}

/** Adds the values a pool task drew to the exchange's (the first draw of a needle wins). */
export function keepDrawn(stream: StreamContext, drawn: ReadonlyArray<[string, string]> | null): void {
  if (drawn === null) return;
  const mine = drawsOf(stream);
  for (const [needle, value] of drawn) if (!mine.has(needle)) mine.set(needle, value);
}
