/**
 * A {@link Logger} that records every line, for tests that check what was logged.
 */
import type { Logger } from '../../src/log.js';

/** One recorded log line; `fields` include the bindings of the child logger that wrote it. */
export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  msg: string;
  fields: Record<string, unknown>;
}

/** A logger whose lines (children included) land in `lines`. */
export function recordingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const record =
      (level: LogLine['level']) =>
      (a: object | string, b?: string): void =>
        void lines.push(
          typeof a === 'string'
            ? { level, msg: a, fields: { ...bindings } }
            : { level, msg: b ?? '', fields: { ...bindings, ...(a as Record<string, unknown>) } },
        );
    return {
      error: record('error'),
      warn: record('warn'),
      info: record('info'),
      debug: record('debug'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { log: make({}), lines };
}
