/**
 * Logging: a small interface plugins can rely on, backed by pino.
 *
 * @module
 */
import { pino } from 'pino';
import prettyStream from 'pino-pretty';
import { headerRedactor } from './log-redact.js';

/** The logger handed to plugins and used by the server. pino-compatible. */
export interface Logger {
  error(obj: object, msg?: string): void;
  error(msg: string): void;
  warn(obj: object, msg?: string): void;
  warn(msg: string): void;
  info(obj: object, msg?: string): void;
  info(msg: string): void;
  debug(obj: object, msg?: string): void;
  debug(msg: string): void;
  /** A logger whose lines carry `bindings`. */
  child(bindings: Record<string, unknown>): Logger;
}

/** Log levels, least to most verbose. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/**
 * How log lines are written: `json` (one object per line, for collectors), `pretty` (coloured,
 * human-readable, for a terminal), `auto`: `pretty` when stderr is a terminal, else `json`.
 */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** `auto` decided for this process: `pretty` when stderr is a terminal, else `json`. @internal */
export function resolveLogFormat(format: LogFormat): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return process.stderr.isTTY === true ? 'pretty' : 'json';
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /**
   * Header names to redact besides authorization, proxy-authorization, cookie and set-cookie
   * (always redacted), case-insensitive (`log.redactHeaders` in attache.yaml).
   */
  readonly redactHeaders?: readonly string[];
  /** @internal Where lines go instead of stderr (tests). */
  readonly destination?: NodeJS.WritableStream;
}

/**
 * Creates the default logger on stderr (pino): JSON lines, or `pretty` for a terminal (pino-pretty,
 * written synchronously so no line is lost when the process exits). Disabled levels cost one
 * empty call.
 *
 * Sensitive headers are redacted in every line, the plugins' `ctx.log` included, whatever shape
 * they are logged in: a header view (`ctx.headers`, logged as a `{ name: value }` object), a
 * plain object or `Map`, Envoy's `[{ key, rawValue }]` list, at any depth, under any field name
 * (src/log-redact.ts). A property named like a sensitive header is redacted wherever it appears.
 */
export function createLogger(
  level: LogLevel = 'info',
  format: LogFormat = 'json',
  options: LoggerOptions = {},
): Logger {
  const pretty = resolveLogFormat(format) === 'pretty';
  const destination = pretty
    ? prettyStream({
        destination: 2,
        sync: true,
        colorize: process.stderr.isTTY === true,
        translateTime: 'HH:MM:ss.l',
      })
    : (options.destination ?? pino.destination(2));
  const redact = headerRedactor(options.redactHeaders);
  return pino(
    { level, base: { name: 'attache' }, formatters: { log: redact } },
    destination,
  ) as unknown as Logger;
}

/** A logger that drops everything (tests, embedding). */
export const silentLogger: Logger = createLogger('silent');
