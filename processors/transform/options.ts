/**
 * Options of the `transform` processor, in the shape of kgateway's `TrafficPolicy.transformation`
 * (`request` / `response` blocks with `set`, `add`, `remove`, `body`, `metadata`), plus what
 * kgateway lacks (`onError`, an `env` allow-list, a JSONata body).
 *
 * @module
 */
import { z } from 'attache-extproc';

const templates = z.record(z.string().min(1), z.string());

/** How a body is read before templates and expressions see it. */
export const parseAsValues = ['json', 'string', 'none'] as const;

const body = z
  .strictObject({
    /** `json`: the body is parsed once and its fields are template variables; `string`: strict UTF-8 text. */
    parseAs: z.enum(parseAsValues).default('none'),
    /** A Handlebars template producing the new body. */
    value: z.string().optional(),
    /** A JSONata expression over the parsed body producing the new body (serialized as JSON). */
    jsonata: z.string().optional(),
  })
  .refine((b) => !(b.value !== undefined && b.jsonata !== undefined), {
    message: 'give either value or jsonata, not both',
  })
  .refine((b) => b.jsonata === undefined || b.parseAs === 'json', {
    message: 'jsonata needs parseAs: json',
    path: ['parseAs'],
  });

const direction = {
  /** Header name → template; replaces every value. A template rendering empty removes the header. */
  set: templates.default({}),
  /** Header name → template; appends a value. A template rendering empty adds nothing. */
  add: templates.default({}),
  /** Header names to remove. */
  remove: z.array(z.string().min(1)).default([]),
  body: body.optional(),
  /** Dynamic metadata key → template (a string; empty is left out), under `metadataNamespace`. */
  metadata: templates.default({}),
};

const requestBlock = z.strictObject(direction);
const responseBlock = z.strictObject({
  ...direction,
  /** A template rendering the new `:status` (empty: unchanged). */
  status: z.string().optional(),
});

/** Options of the `transform` processor. */
export const transformOptions = z.strictObject({
  request: requestBlock.optional(),
  response: responseBlock.optional(),
  /** What a failed transformation does: `passthrough` leaves the message as it came, `reject` answers `rejectStatus`. */
  onError: z.enum(['passthrough', 'reject']).default('passthrough'),
  /** Status of a rejection (default 400 for a request, 502 for a response). */
  rejectStatus: z.number().int().min(200).max(599).optional(),
  /** The environment variables templates may read with `env` (read once, at start). */
  env: z.array(z.string().min(1)).default([]),
  /** Namespace of the dynamic metadata `metadata` writes (default: the instance name). */
  metadataNamespace: z.string().min(1).optional(),
  /** Largest body the processor transforms; a larger one is a failure (`onError`). */
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  /** Time budget of one JSONata evaluation; a slower one is a failure (`onError`). */
  jsonataTimeoutMs: z.number().int().positive().default(50),
  /** Longest input the `regex` helper matches (it runs in linear time; this bounds the constant). */
  regexMaxInput: z.number().int().positive().default(65536),
  /** `empty`: a missing header, cookie, field renders `""`; `error`: it is a failure (`onError`). */
  missing: z.enum(['empty', 'error']).default('empty'),
  /**
   * Bodies of at least this many bytes are transformed in the worker pool, off the main thread;
   * smaller ones inline (same code, same result). Absent: attache's default threshold.
   */
  workerThreshold: z.number().int().min(0).optional(),
});

/** Parsed options. */
export type TransformOptions = z.output<typeof transformOptions>;
/** One parsed direction block (the response one has `status`). */
export type DirectionOptions = z.output<typeof responseBlock>;
/** How a body is parsed. */
export type ParseAs = (typeof parseAsValues)[number];
