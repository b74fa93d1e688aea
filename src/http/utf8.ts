/**
 * UTF-8 boundaries in chunked bodies.
 *
 * @module
 */

/**
 * How many bytes at the end of `bytes` are the start of a UTF-8 sequence that is not complete
 * yet (0 to 3). Chunk handlers that decode text hold these back, so a character split between
 * two chunks is decoded whole with the next chunk.
 *
 * Only the shape of the tail is examined: invalid bytes are left for the decoder to reject.
 *
 * @example
 * ```ts
 * requestBodyChunk(ctx) {
 *   const bytes = ctx.chunk.bytes();
 *   const keep = ctx.chunk.last ? 0 : incompleteUtf8Tail(bytes);
 *   const text = bytes.subarray(0, bytes.length - keep).toString('utf8');
 *   ctx.mutate.replaceChunk(Buffer.concat([Buffer.from(text.toUpperCase()), bytes.subarray(bytes.length - keep)]));
 *   ctx.holdBack(keep);
 * }
 * ```
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const end = bytes.length;
  // A sequence is at most 4 bytes, so its lead byte is within the last 3 when it is incomplete.
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = bytes[end - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    let need: number;
    if ((b & 0xe0) === 0xc0) need = 2;
    else if ((b & 0xf0) === 0xe0) need = 3;
    else if ((b & 0xf8) === 0xf0) need = 4;
    else return 0; // ASCII or an invalid lead byte: nothing to wait for
    return back < need ? back : 0;
  }
  return 0;
}
