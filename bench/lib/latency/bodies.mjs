// The bodies of the latency runs' `body4k` case, shared by the load, the plugin and the upstream.

/** The marker a replaced body starts with; the upstream reports whether it saw one. */
export const REPLACED_PREFIX = '{"replaced":true,"pad":"';

const cache = new Map();
/** A JSON body of exactly `size` bytes (size ≥ 27) that starts with {@link REPLACED_PREFIX}. */
export function replacementBody(size) {
  let body = cache.get(size);
  if (body === undefined) {
    const pad = size - REPLACED_PREFIX.length - 2;
    if (pad < 0) throw new Error(`replacement body: ${size} bytes is too small`);
    body = Buffer.from(`${REPLACED_PREFIX}${'r'.repeat(pad)}"}`);
    cache.set(size, body);
  }
  return body;
}

/** The request body the load sends: a 4 KiB JSON document. */
export const REQUEST_BODY = Buffer.from(
  JSON.stringify({ order: 'A-1001', pad: 'x'.repeat(4096 - 28) }).padEnd(4096, ' '),
);
