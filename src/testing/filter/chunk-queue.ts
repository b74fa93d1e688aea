/**
 * The FIFO of body chunks a direction sent to the server and still owes to the next hop
 * (Envoy's `ChunkQueue`, doc §4.5, §4.6).
 *
 * @module
 */

/** One queued chunk. */
export interface QueuedChunk {
  data: Buffer;
  endStream: boolean;
}

/** FIFO of chunks with a byte count (the watermark compares it with the buffer limit). */
export class ChunkQueue {
  #chunks: QueuedChunk[] = [];
  #bytes = 0;

  get empty(): boolean {
    return this.#chunks.length === 0;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The oldest chunk, if any. */
  peek(): QueuedChunk | undefined {
    return this.#chunks[0];
  }

  push(data: Buffer, endStream: boolean): void {
    this.#chunks.push({ data: Buffer.from(data), endStream });
    this.#bytes += data.length;
  }

  pop(): QueuedChunk | undefined {
    const chunk = this.#chunks.shift();
    if (chunk !== undefined) this.#bytes -= chunk.data.length;
    return chunk;
  }

  /** Merges all chunks into one (end-of-stream of the last one) and returns it. */
  consolidate(): QueuedChunk {
    const endStream = this.#chunks[this.#chunks.length - 1]?.endStream ?? false;
    const merged = { data: Buffer.concat(this.#chunks.map((c) => c.data)), endStream };
    this.#chunks = [merged];
    return merged;
  }

  /** Removes everything and returns the data and the last end-of-stream flag. */
  drain(): QueuedChunk {
    const endStream = this.#chunks[this.#chunks.length - 1]?.endStream ?? false;
    const data = Buffer.concat(this.#chunks.map((c) => c.data));
    this.#chunks = [];
    this.#bytes = 0;
    return { data, endStream };
  }
}
