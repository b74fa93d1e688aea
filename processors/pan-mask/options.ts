/**
 * Options of the `pan-mask` processor.
 *
 * @module
 */
import { z } from 'attache-extproc';
import { BRANDS } from './brands.js';

/** The default `contentTypes`: the text formats card numbers travel in. */
export const DEFAULT_CONTENT_TYPES = [
  'application/json',
  'application/*+json',
  'text/*',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/*+xml',
  'multipart/form-data',
];

const mediaRange = z
  .string()
  .regex(/^(\*|[a-z0-9!#$&^_.+-]+)\/(\*|[a-z0-9!#$&^_.+-]*\*?[a-z0-9!#$&^_.+-]*)$/i, {
    message: 'expected a media type such as application/json, text/* or application/*+json',
  });

/** Options of the `pan-mask` processor. */
export const panMaskOptions = z.strictObject({
  /** `mask` rewrites found numbers, `reject` answers `reject.status`, `detect` only counts (shadow mode). */
  action: z.enum(['mask', 'reject', 'detect']).default('mask'),
  /** Digits left visible: `last4`, `first6last4` (16+ digit numbers; last 4 on shorter ones) or `none`. */
  keep: z.enum(['last4', 'first6last4', 'none']).default('last4'),
  /** The character written over each hidden digit: one printable ASCII character, not a digit. */
  maskChar: z
    .string()
    .regex(/^[\x20-\x2f\x3a-\x7e]$/, {
      message: 'expected one printable ASCII character that is not a digit',
    })
    .default('*'),
  /** Only numbers of these brands (by IIN range and length); absent: any Luhn-valid 12-19 digits. */
  brands: z.array(z.enum(BRANDS)).min(1).optional(),
  /** Bodies of these media types are scanned (`type/*` and `type/*+suffix` allowed); others pass. */
  contentTypes: z.array(mediaRange).default(DEFAULT_CONTENT_TYPES),
  /** Also scan (and mask, or reject on) these request headers. */
  headers: z.array(z.string().min(1)).default([]),
  /** Also scan the query of the request's `:path`. */
  query: z.boolean().default(true),
  /** The answer of `action: reject`; its body never echoes the number. */
  reject: z
    .strictObject({
      status: z.number().int().min(200).max(599).default(400),
      body: z.string().default('card numbers are not accepted here'),
    })
    .prefault({}),
  /** Which halves of the exchange are scanned. */
  directions: z
    .array(z.enum(['request', 'response']))
    .min(1)
    .default(['request', 'response']),
  /**
   * Bodies with `content-encoding` gzip, deflate or br: `decode` them (decoded up to the body
   * limit), scan and re-encode; or `pass` them unscanned, counted as `encodedPassed`.
   */
  encoded: z.enum(['decode', 'pass']).default('decode'),
  /** The dynamic metadata namespace of the counts. */
  metadataNamespace: z.string().min(1).default('attache.pan-mask'),
  /**
   * Chunks of at least this many bytes are scanned in the worker pool, off the main thread;
   * smaller ones inline (same scanner, same result). Absent: attache's default threshold.
   */
  workerThreshold: z.number().int().min(0).optional(),
});

/** Parsed options. */
export type PanMaskOptions = z.output<typeof panMaskOptions>;
