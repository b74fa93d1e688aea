/**
 * Header blocks that use no dynamic table (RFC 7541): each field is a static-table index when
 * the table has the pair, else a literal without indexing (the name indexed when the table has
 * it). What a server needs for its few, mostly constant, response blocks: they are built once,
 * and the peer's HEADER_TABLE_SIZE never changes them (a smaller one than HPACK's initial 4,096
 * is answered once by the connection, server-connection.ts).
 *
 * @module
 */
import { encodeInt, encodeLiteralField } from './hpack-literals.js';
import { STATIC_PAIR_INDEX } from './hpack-static.js';

/** The header block of `fields` (`[name, value]` pairs, names lower-case, pseudo-headers first). */
export function staticHeaderBlock(fields: ReadonlyArray<readonly [string, string]>): Buffer {
  const out: number[] = [];
  for (const [name, value] of fields) {
    const pair = STATIC_PAIR_INDEX.get(`${name}\0${value}`);
    if (pair !== undefined) {
      encodeInt(out, pair, 7, 0x80); // indexed field (§6.1)
      continue;
    }
    encodeLiteralField(out, name, value);
  }
  return Buffer.from(out);
}
