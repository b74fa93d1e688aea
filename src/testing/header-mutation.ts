/**
 * Applying a `HeaderMutation` exactly as Envoy's ext_proc filter does (doc §6.1–§6.3).
 *
 * @module
 */
import type { HeaderMutation } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderMap } from './header-map.js';
import { headerNameIsValid, headerValueIsValid, type MutationChecker } from './mutation-check.js';
import type { ViolationKind } from './result.js';

/**
 * The fixed `details` of the local reply Envoy sends when it rejects a reply's header mutation
 * (since 1.37, doc §6.1–§6.3): what `result.downstream.details` holds then. Strings, not errors.
 *
 * @example
 * ```ts
 * expect(res.downstream.details).toBe(HeaderMutationDetails.setInvalidCharacter);
 * ```
 */
export const HeaderMutationDetails = {
  setInvalidCharacter: 'header_mutation_set_contains_invalid_character',
  removeInvalidCharacter: 'header_mutation_remove_contains_invalid_character',
  setFailed: 'header_mutation_set_headers_failed',
  removeFailed: 'header_mutation_remove_headers_failed',
  operationCountExceeded: 'header_mutation_operation_count_exceeds_limit',
  resultExceeded: 'header_mutation_result_exceeds_limit',
} as const;

/** Options for {@link applyHeaderMutation}. */
export interface ApplyOptions {
  checker: MutationChecker;
  /** The reply's status is CONTINUE_AND_REPLACE: `:method` may be set (doc §5.1). */
  replacingMessage: boolean;
  /** The direction's mode strips content-length: a server `content-length` is skipped (§6.1). */
  removeContentLength: boolean;
  maxHeadersCount: number;
  maxHeadersKb: number;
  /** Called for every refused or silently dropped operation (server bugs worth reporting). */
  report: (kind: ViolationKind, message: string) => void;
  /** Called once per operation Envoy counts in `rejected_header_mutations`. */
  countRejected: () => void;
}

/** `undefined` on success, else the local-reply details of the failure. */
export type MutationOutcome = string | undefined;

/**
 * Applies `mutation` to `headers` in place. Like Envoy, a failing mutation may leave the map
 * partly mutated; callers discard the whole reply (local reply) on failure, except for
 * ImmediateResponse headers where failures are only logged (doc §5.4).
 */
export function applyHeaderMutation(
  mutation: HeaderMutation,
  headers: HeaderMap,
  opts: ApplyOptions,
): MutationOutcome {
  const removes = mutation.removeHeaders ?? [];
  const sets = mutation.setHeaders ?? [];

  // §6.3 size limits: more entries than the map may hold rejects the reply up front.
  if (removes.length > opts.maxHeadersCount || sets.length > opts.maxHeadersCount) {
    opts.countRejected();
    opts.report(
      'header-limit-exceeded',
      `mutation has ${removes.length} removals / ${sets.length} sets; limit is ${opts.maxHeadersCount}`,
    );
    return HeaderMutationDetails.operationCountExceeded;
  }

  // §6.2 removals come first.
  for (const raw of removes) {
    if (!headerNameIsValid(raw)) {
      opts.countRejected();
      opts.report(
        'invalid-header-mutation',
        `remove_headers entry ${JSON.stringify(raw)} is not a valid name`,
      );
      return HeaderMutationDetails.removeInvalidCharacter;
    }
    const name = raw.toLowerCase();
    const result = opts.checker.check('remove', name, Buffer.alloc(0));
    if (result === 'ok') {
      headers.remove(name);
      continue;
    }
    opts.countRejected();
    opts.report('refused-header-mutation', `removal of ${JSON.stringify(name)} refused by mutation rules`);
    if (result === 'fail') return HeaderMutationDetails.removeFailed;
  }

  // §6.1 sets, in order.
  for (const option of sets) {
    const header = option.header;
    if (header === undefined) continue;
    const key = header.key ?? '';
    // Only raw_value is read; a server filling `value` gets an empty header (doc §6.1, #31555).
    const value = header.rawValue ?? Buffer.alloc(0);
    if ((header.value ?? '') !== '' && value.length === 0) {
      opts.report(
        'value-instead-of-raw-value',
        `header ${JSON.stringify(key)} uses \`value\`, which Envoy ignores: it is set to an empty value`,
      );
    }
    if ((option.appendAction ?? 0) !== 0 || option.keepEmptyValue === true) {
      opts.report(
        'append-action-ignored',
        `header ${JSON.stringify(key)}: append_action / keep_empty_value are ignored by Envoy; only \`append\` is read`,
      );
    }
    if (!headerNameIsValid(key) || !headerValueIsValid(value)) {
      opts.countRejected();
      opts.report(
        'invalid-header-mutation',
        `set_headers entry ${JSON.stringify(key)} has an invalid name or value (e.g. CR/LF/NUL)`,
      );
      return HeaderMutationDetails.setInvalidCharacter;
    }
    const name = key.toLowerCase();
    if (opts.removeContentLength && name === 'content-length') {
      opts.report(
        'ignored-header-mutation',
        'content-length set dropped: this body mode removes content-length (doc §6.4)',
      );
      continue;
    }
    // Only the deprecated BoolValue `append` is read; unset means overwrite (doc §6.1).
    const append = option.append === true;
    const op = append && headers.has(name) ? 'append' : 'set';
    let result = opts.checker.check(op, name, value);
    // CONTINUE_AND_REPLACE may change `:method` (GET→POST use case, doc §5.1).
    if (opts.replacingMessage && name === ':method') result = 'ok';
    if (result === 'ok') {
      if (append) headers.add(name, value);
      else headers.set(name, value);
      continue;
    }
    opts.countRejected();
    opts.report(
      'refused-header-mutation',
      `${op} of ${JSON.stringify(name)} = ${JSON.stringify(value.toString('latin1'))} refused by mutation rules`,
    );
    if (result === 'fail') return HeaderMutationDetails.setFailed;
  }

  // §6.3: the resulting map must stay within the HCM limits.
  if (headers.byteSize() > opts.maxHeadersKb * 1024 || headers.size > opts.maxHeadersCount) {
    opts.countRejected();
    opts.report(
      'header-limit-exceeded',
      `after mutation: ${headers.size} headers / ${headers.byteSize()} bytes; limits ${opts.maxHeadersCount} / ${opts.maxHeadersKb} KiB`,
    );
    return HeaderMutationDetails.resultExceeded;
  }
  return undefined;
}
