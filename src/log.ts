/**
 * Logging: a small interface plugins can rely on, backed by pino.
 *
 * @module
 */
import { pino } from 'pino';

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
 * Creates the default JSON-lines logger on stderr (pino). Disabled levels cost one empty call.
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { name: 'attache' } }, pino.destination(2)) as unknown as Logger;
}

/** A logger that drops everything (tests, embedding). */
export const silentLogger: Logger = createLogger('silent');
