/**
 * Logging: a small interface plugins can rely on, backed by pino.
 *
 * @module
 */
import { pino } from 'pino';
import prettyStream from 'pino-pretty';

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

/**
 * Creates the default logger on stderr (pino): JSON lines, or `pretty` for a terminal (pino-pretty,
 * written synchronously so no line is lost when the process exits). Disabled levels cost one
 * empty call.
 */
export function createLogger(level: LogLevel = 'info', format: LogFormat = 'json'): Logger {
  const pretty = resolveLogFormat(format) === 'pretty';
  const destination = pretty
    ? prettyStream({
        destination: 2,
        sync: true,
        colorize: process.stderr.isTTY === true,
        translateTime: 'HH:MM:ss.l',
      })
    : pino.destination(2);
  return pino({ level, base: { name: 'attache' } }, destination) as unknown as Logger;
}

/** A logger that drops everything (tests, embedding). */
export const silentLogger: Logger = createLogger('silent');
