/**
 * Types of `@attache-examples/correlation-id` (the plugin is plain JavaScript, `index.js`).
 *
 * @module
 */
import type { Plugin } from 'attache-extproc';

/** The plugin's options after validation (defaults applied). */
export interface CorrelationIdOptions {
  /** The header carrying the correlation id (default `x-correlation-id`). */
  readonly header: string;
  /** Where to take the id from when the client sent none (default `x-request-id`); `false`: generate. */
  readonly fallbackHeader: string | false;
  /** The longest id kept, 1 to 1024 (default 128). */
  readonly maxLength: number;
  /** Also set the header on the response (default `true`). */
  readonly echo: boolean;
  /** Dynamic metadata namespace for `{ id, source }` (default: none sent). */
  readonly metadataNamespace?: string | undefined;
}

/** Where a request's correlation id came from. */
export type CorrelationIdSource = 'client' | 'fallback' | 'generated';

/** The plugin: `use: '@attache-examples/correlation-id'` in `attache.yaml`. */
declare const correlationId: Plugin<CorrelationIdOptions>;
export default correlationId;
