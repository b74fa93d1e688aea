/**
 * Decoding and re-encoding `content-encoding` gzip, deflate and br bodies, bounded.
 *
 * @module
 */
import {
  brotliCompressSync,
  brotliDecompressSync,
  deflateSync,
  gunzipSync,
  gzipSync,
  inflateSync,
} from 'node:zlib';
import { AttacheError, ErrorCode } from 'attache-extproc';

/** The codings `pan-mask` decodes. */
export type Coding = 'gzip' | 'deflate' | 'br';

/**
 * The coding of a `content-encoding` value: `null` for none (absent, `identity`), `undefined`
 * for one this processor cannot decode (another coding, or several stacked).
 */
export function codingOf(value: string | undefined): Coding | null | undefined {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'identity') return null;
  if (v === 'gzip' || v === 'x-gzip') return 'gzip';
  if (v === 'deflate') return 'deflate';
  if (v === 'br') return 'br';
  return undefined;
}

/**
 * Decodes `bytes`, stopping at `limit` decoded bytes.
 * @throws AttacheError `ATTACHE_ERR_BODY_TOO_LARGE` past the limit (a decompression bomb),
 *   `ATTACHE_ERR_INVALID_ARGUMENT` when the bytes are not valid for the coding.
 */
export function decode(coding: Coding, bytes: Buffer, limit: number): Buffer {
  try {
    const options = { maxOutputLength: Math.max(1, limit) };
    if (coding === 'gzip') return gunzipSync(bytes, options);
    if (coding === 'deflate') return inflateSync(bytes, options);
    return brotliDecompressSync(bytes, options);
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AttacheError(
        ErrorCode.BODY_TOO_LARGE,
        `pan-mask: the ${coding} body decodes to more than the body limit (${limit} bytes)`,
        { cause },
      );
    }
    throw new AttacheError(ErrorCode.INVALID_ARGUMENT, `pan-mask: the body is not valid ${coding}`, {
      cause,
    });
  }
}

/** Encodes `bytes` with `coding`. */
export function encode(coding: Coding, bytes: Buffer): Buffer {
  if (coding === 'gzip') return gzipSync(bytes);
  if (coding === 'deflate') return deflateSync(bytes);
  return brotliCompressSync(bytes);
}
