/**
 * What a processing mode takes from the plugins: the phases they read that Envoy never sends,
 * and streamed bodies whose end attache cannot see. Shared by `attache check` and the generators
 * (which warn when a declared or per-route mode starves a plugin).
 *
 * @module
 */
import type { ProcessingModeConfig } from '../protocol/processing-mode.js';
import type { ExtProcSettings } from './settings.js';

/** One disagreement. */
export interface Finding {
  /** Where Envoy's side says it: a document path, or the config field. */
  readonly where: string;
  readonly problem: string;
  readonly fix: string;
}

/** Plugin names, quoted. */
export const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const streams = (mode: string) => mode === 'STREAMED' || mode === 'FULL_DUPLEX_STREAMED';

/** A header or trailer mode as Envoy applies it (DEFAULT: headers sent, trailers skipped). */
const sends = (mode: string, trailer: boolean) => mode === 'SEND' || (mode === 'DEFAULT' && !trailer);

/**
 * What a filter (or route) mode takes from the plugins: phases they read that Envoy never sends,
 * and streamed bodies whose end attache cannot see.
 */
export function starvedBy(mode: ProcessingModeConfig, settings: ExtProcSettings, where: string): Finding[] {
  const out: Finding[] = [];
  const { readers, conditions } = settings;
  const set = (field: string, value: string) => `set ${field}: ${value}`;
  const header = (direction: 'request' | 'response') => {
    const field = `${direction}_header_mode`;
    const value = direction === 'request' ? mode.requestHeaderMode : mode.responseHeaderMode;
    const need = [...readers[`${direction}Headers`], ...conditions[direction]];
    if (need.length > 0 && !sends(value, false)) {
      out.push({
        where: `${where}.${field}`,
        problem: `${value}: ${list([...new Set(need)])} read the ${direction} headers (or match on them) and never run`,
        fix: set(field, 'SEND'),
      });
    }
  };
  header('request');
  header('response');
  for (const direction of ['request', 'response'] as const) {
    const body = direction === 'request' ? mode.requestBodyMode : mode.responseBodyMode;
    const trailer = direction === 'request' ? mode.requestTrailerMode : mode.responseTrailerMode;
    const bodyReaders = readers[`${direction}Body`];
    const trailerReaders = readers[`${direction}Trailers`];
    if (bodyReaders.length > 0 && body === 'NONE') {
      out.push({
        where: `${where}.${direction}_body_mode`,
        problem: `NONE: ${list(bodyReaders)} read the ${direction} body and never see it`,
        fix: set(`${direction}_body_mode`, settings.neededMode[`${direction}BodyMode`]),
      });
    }
    if (trailerReaders.length > 0 && !sends(trailer, true)) {
      out.push({
        where: `${where}.${direction}_trailer_mode`,
        problem: `${trailer}: ${list(trailerReaders)} read the ${direction} trailers and never see them`,
        fix: set(`${direction}_trailer_mode`, 'SEND'),
      });
    } else if (
      bodyReaders.length > 0 &&
      streams(body) &&
      !sends(trailer, true) &&
      !settings.allowModeOverride
    ) {
      out.push({
        where: `${where}.${direction}_trailer_mode`,
        problem: `${trailer} with a ${body} ${direction} body: when the body ends with trailers, ${list(bodyReaders)} never get its last chunk`,
        fix: `${set(`${direction}_trailer_mode`, 'SEND')} (or envoy.allowModeOverride: true so attache asks for them)`,
      });
    }
    const writers = settings.headersFromBody[direction];
    if (writers.length > 0 && streams(body)) {
      // A plugin asking for BUFFERED itself rescues the exchange, where Envoy applies overrides.
      const overridable =
        settings.allowModeOverride &&
        mode.requestBodyMode !== 'FULL_DUPLEX_STREAMED' &&
        mode.responseBodyMode !== 'FULL_DUPLEX_STREAMED';
      const stuck = writers.filter((w) => !(overridable && w.asksBuffered)).map((w) => w.name);
      if (stuck.length > 0) {
        out.push({
          where: `${where}.${direction}_body_mode`,
          problem: `${body}: ${list(stuck)} change${stuck.length > 1 ? '' : 's'} the ${direction} headers${direction === 'response' ? ' or status' : ''} from the body, and Envoy ignores header changes in a streamed body reply: that part of its work fails`,
          fix: `${set(`${direction}_body_mode`, 'BUFFERED')}${body === 'STREAMED' && writers.every((w) => w.asksBuffered) ? ' (or allow_mode_override on the filter and envoy.allowModeOverride: true, so the plugin asks for BUFFERED)' : ''}`,
        });
      }
    }
  }
  return out;
}
