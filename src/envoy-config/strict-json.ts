/**
 * Reads an Envoy config document (its YAML, parsed, or JSON) into Envoy's API types as strictly as
 * Envoy's own loader does, and reports every problem with its path: unknown fields, a value of the
 * wrong JSON type, an enum name Envoy does not know, an `@type` that names no known type, two
 * members of one oneof, and the protoc-gen-validate rules Envoy checks at load (required messages
 * and oneofs, string and list lengths, number and duration bounds, `const`, defined enums).
 *
 * @module
 */
import {
  type DescEnum,
  type DescExtension,
  type DescField,
  type DescMessage,
  type DescOneof,
  type FileRegistry,
  fromJson,
  getOption,
  hasOption,
} from '@bufbuild/protobuf';
import { TYPE_URL_PREFIX } from './envoy-api.js';

/** One problem, with the path of the value in the document (`static_resources.clusters[0].name`). */
export interface StrictIssue {
  readonly path: string;
  readonly message: string;
  /** How to fix it, when more than "correct the field" can be said. */
  readonly fix?: string;
}

/** Well-known types whose JSON form is not an object of their fields: parsed by the library. */
const SPECIAL_JSON = new Set([
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
  'google.protobuf.FieldMask',
  'google.protobuf.Empty',
  'google.protobuf.DoubleValue',
  'google.protobuf.FloatValue',
  'google.protobuf.Int64Value',
  'google.protobuf.UInt64Value',
  'google.protobuf.Int32Value',
  'google.protobuf.UInt32Value',
  'google.protobuf.BoolValue',
  'google.protobuf.StringValue',
  'google.protobuf.BytesValue',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/** A Duration's JSON string as nanoseconds (`0.2s`), or `undefined` if it is not one. */
function durationNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(value);
  if (m === null) return undefined;
  const nanos = BigInt(m[2] as string) * 1_000_000_000n + BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  return m[1] === undefined ? nanos : -nanos;
}

const durationOf = (d: { seconds?: bigint; nanos?: number } | undefined): bigint | undefined =>
  d === undefined ? undefined : (d.seconds ?? 0n) * 1_000_000_000n + BigInt(d.nanos ?? 0);

/**
 * A set proto2 field of a rules message, else `undefined`: the library keeps unset proto2 fields'
 * defaults on the prototype, so only own properties were in the descriptor.
 */
// biome-ignore lint/suspicious/noExplicitAny: validate rules, read reflectively.
const own = (r: any, name: string): any => (r != null && Object.hasOwn(r, name) ? r[name] : undefined);

const patterns = new Map<string, RegExp>();
/** A rule's pattern, compiled once. */
function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (re === undefined) {
    re = new RegExp(pattern, 'u');
    patterns.set(pattern, re);
  }
  return re;
}

interface Rules {
  readonly field?: DescExtension;
  readonly oneofRequired?: DescExtension;
}

/** The strict reader for one registry. */
export class StrictReader {
  readonly #registry: FileRegistry;
  readonly #rules: Rules;

  constructor(registry: FileRegistry) {
    this.#registry = registry;
    this.#rules = {
      field: registry.getExtension('validate.rules'),
      oneofRequired: registry.getExtension('validate.required'),
    };
  }

  /** Every problem of `value` read as `typeName`; empty when Envoy would load it. */
  check(typeName: string, value: unknown, path = ''): StrictIssue[] {
    const desc = this.#registry.getMessage(typeName);
    if (desc === undefined) return [{ path, message: `no type ${typeName} in the registry` }];
    const issues: StrictIssue[] = [];
    this.#message(desc, value, path, issues);
    if (issues.length === 0) {
      // The library's own strict parse: a second opinion on everything above.
      try {
        fromJson(desc, value as never, { registry: this.#registry });
      } catch (error) {
        issues.push({ path, message: (error as Error).message });
      }
    }
    return issues;
  }

  #message(desc: DescMessage, value: unknown, path: string, issues: StrictIssue[]): void {
    if (desc.typeName === 'google.protobuf.Any') {
      this.#any(value, path, issues);
      return;
    }
    if (SPECIAL_JSON.has(desc.typeName)) {
      try {
        fromJson(desc, value as never);
      } catch (error) {
        issues.push({ path, message: `not a valid ${desc.typeName}: ${(error as Error).message}` });
      }
      return;
    }
    if (!isObject(value)) {
      issues.push({ path, message: `expected an object (${desc.typeName}), got ${JSON.stringify(value)}` });
      return;
    }
    const seen = new Map<DescOneof, string>();
    const present = new Set<DescField>();
    for (const [key, v] of Object.entries(value)) {
      const at = join(path, key);
      const field = desc.fields.find((f) => f.name === key || f.jsonName === key);
      if (field === undefined) {
        issues.push({ path: at, message: `unknown field of ${desc.typeName}` });
        continue;
      }
      if (v === null) continue;
      present.add(field);
      if (field.oneof !== undefined) {
        const other = seen.get(field.oneof);
        if (other !== undefined) {
          issues.push({
            path: at,
            message: `${key} and ${other} are one oneof (${field.oneof.name}): set one`,
          });
        }
        seen.set(field.oneof, key);
      }
      this.#field(field, v, at, issues);
    }
    // Rules on absent fields and oneofs.
    for (const field of desc.fields) {
      // A oneof member's rules apply only when it is the member set.
      if (present.has(field) || field.oneof !== undefined) continue;
      const rules = this.#fieldRules(field);
      const kind = rules?.type?.case;
      if (own(rules?.message, 'required') === true) {
        issues.push({ path: join(path, field.name), message: `required (${desc.typeName})` });
      } else if (kind === 'string' && (own(rules.type.value, 'minLen') ?? 0n) > 0n) {
        issues.push({
          path: join(path, field.name),
          message: `required: a non-empty string (${desc.typeName})`,
        });
      } else if (kind === 'repeated' && (own(rules.type.value, 'minItems') ?? 0n) > 0n) {
        issues.push({
          path: join(path, field.name),
          message: `required: at least ${own(rules.type.value, 'minItems')} item(s) (${desc.typeName})`,
        });
      }
    }
    for (const oneof of desc.oneofs) {
      if (seen.has(oneof) || this.#rules.oneofRequired === undefined) continue;
      if (
        hasOption(oneof, this.#rules.oneofRequired) &&
        getOption(oneof, this.#rules.oneofRequired) === true
      ) {
        issues.push({
          path: join(path, oneof.name),
          message: `set one of ${oneof.fields.map((f) => f.name).join(', ')} (${desc.typeName})`,
        });
      }
    }
  }

  #any(value: unknown, path: string, issues: StrictIssue[]): void {
    if (!isObject(value) || typeof value['@type'] !== 'string') {
      issues.push({ path, message: 'a typed config needs "@type"' });
      return;
    }
    const url = value['@type'];
    if (!url.startsWith(TYPE_URL_PREFIX)) {
      issues.push({ path: join(path, '@type'), message: `${url}: expected ${TYPE_URL_PREFIX}<type>` });
      return;
    }
    const inner = this.#registry.getMessage(url.slice(TYPE_URL_PREFIX.length));
    if (inner === undefined) {
      issues.push({ path: join(path, '@type'), message: `${url}: no such Envoy API type (or not covered)` });
      return;
    }
    if (SPECIAL_JSON.has(inner.typeName) || inner.typeName === 'google.protobuf.Any') {
      this.#message(inner, value.value, join(path, 'value'), issues);
      return;
    }
    const { '@type': _, ...rest } = value;
    this.#message(inner, rest, path, issues);
  }

  // biome-ignore lint/suspicious/noExplicitAny: the validate.FieldRules shape, read reflectively.
  #fieldRules(field: DescField): any {
    const ext = this.#rules.field;
    if (ext === undefined || !hasOption(field, ext)) return undefined;
    return getOption(field, ext);
  }

  #field(field: DescField, value: unknown, path: string, issues: StrictIssue[]): void {
    const rules = this.#fieldRules(field);
    switch (field.fieldKind) {
      case 'scalar':
        this.#scalar(field.scalar, value, path, issues);
        this.#scalarRules(rules, value, path, issues);
        return;
      case 'enum':
        this.#enum(
          field.enum,
          value,
          path,
          issues,
          rules?.type?.case === 'enum' && own(rules.type.value, 'definedOnly') === true,
        );
        this.#enumRules(field.enum, rules, value, path, issues);
        return;
      case 'message':
        this.#message(field.message, value, path, issues);
        this.#messageRules(field.message, rules, value, path, issues);
        return;
      case 'list': {
        if (!Array.isArray(value)) {
          issues.push({ path, message: `expected a list, got ${JSON.stringify(value)}` });
          return;
        }
        const repeated = rules?.type?.case === 'repeated' ? rules.type.value : undefined;
        if (own(repeated, 'minItems') !== undefined && BigInt(value.length) < own(repeated, 'minItems')) {
          issues.push({ path, message: `needs at least ${own(repeated, 'minItems')} item(s)` });
        }
        value.forEach((item, i) => {
          const at = join(path, i);
          if (field.listKind === 'scalar') this.#scalar(field.scalar, item, at, issues);
          else if (field.listKind === 'enum') this.#enum(field.enum, item, at, issues, false);
          else this.#message(field.message, item, at, issues);
          if (own(repeated, 'items') !== undefined && field.listKind === 'scalar') {
            this.#scalarRules(own(repeated, 'items'), item, at, issues);
          }
        });
        return;
      }
      case 'map': {
        if (!isObject(value)) {
          issues.push({ path, message: `expected a map, got ${JSON.stringify(value)}` });
          return;
        }
        for (const [k, v] of Object.entries(value)) {
          const at = `${path}[${JSON.stringify(k)}]`;
          if (field.mapKind === 'scalar') this.#scalar(field.scalar, v, at, issues);
          else if (field.mapKind === 'enum') this.#enum(field.enum, v, at, issues, false);
          else this.#message(field.message, v, at, issues);
        }
        return;
      }
    }
  }

  #scalar(scalar: number, value: unknown, path: string, issues: StrictIssue[]): void {
    // ScalarType: 8 bool, 9 string, 12 bytes; the rest are numbers (64-bit ones also as strings).
    const ok =
      scalar === 8
        ? typeof value === 'boolean'
        : scalar === 9 || scalar === 12
          ? typeof value === 'string'
          : (typeof value === 'number' && Number.isFinite(value)) ||
            (typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value));
    if (!ok) issues.push({ path, message: `wrong type: ${JSON.stringify(value)}` });
  }

  #enum(desc: DescEnum, value: unknown, path: string, issues: StrictIssue[], definedOnly: boolean): void {
    if (typeof value === 'string') {
      if (desc.values.some((v) => v.name === value)) return;
      issues.push({
        path,
        message: `${JSON.stringify(value)} is not a value of ${desc.typeName} (${desc.values.map((v) => v.name).join(', ')})`,
      });
    } else if (typeof value === 'number' && Number.isInteger(value)) {
      if (definedOnly && !desc.values.some((v) => v.number === value)) {
        issues.push({ path, message: `${value} is not a defined value of ${desc.typeName}` });
      }
    } else {
      issues.push({ path, message: `expected a ${desc.typeName} name, got ${JSON.stringify(value)}` });
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: validate rules, read reflectively.
  #enumRules(desc: DescEnum, rules: any, value: unknown, path: string, issues: StrictIssue[]): void {
    if (rules?.type?.case !== 'enum') return;
    const number = typeof value === 'string' ? desc.values.find((v) => v.name === value)?.number : value;
    const r = rules.type.value;
    if (own(r, 'const') !== undefined && number !== own(r, 'const'))
      issues.push({ path, message: `must be ${own(r, 'const')}` });
    const notIn: number[] = r.notIn ?? [];
    if (typeof number === 'number' && notIn.includes(number)) {
      issues.push({
        path,
        message: `must not be ${desc.values.find((v) => v.number === number)?.name ?? number}`,
      });
    }
    const only: number[] = r.in ?? [];
    if (typeof number === 'number' && only.length > 0 && !only.includes(number)) {
      issues.push({ path, message: `must be one of ${only.join(', ')}` });
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: validate rules, read reflectively.
  #scalarRules(rules: any, value: unknown, path: string, issues: StrictIssue[]): void {
    const kind = rules?.type?.case;
    if (kind === undefined) return;
    const r = rules.type.value;
    if (kind === 'string' && typeof value === 'string') {
      const length = [...value].length;
      const pattern = own(r, 'pattern');
      if (typeof pattern === 'string' && !(own(r, 'ignoreEmpty') === true && value === '')) {
        // An RE2 pattern; the ones Envoy's API uses read the same as JavaScript regexes.
        if (!compiled(pattern).test(value)) issues.push({ path, message: `must match ${pattern}` });
      }
      const only: string[] = r.in ?? [];
      if (only.length > 0 && !only.includes(value))
        issues.push({ path, message: `must be one of ${only.join(', ')}` });
      const notIn: string[] = r.notIn ?? [];
      if (notIn.includes(value)) issues.push({ path, message: `must not be ${JSON.stringify(value)}` });
      if (own(r, 'minLen') !== undefined && BigInt(length) < own(r, 'minLen')) {
        issues.push({ path, message: `must be at least ${own(r, 'minLen')} character(s)` });
      }
      if (own(r, 'maxLen') !== undefined && BigInt(length) > own(r, 'maxLen')) {
        issues.push({ path, message: `must be at most ${own(r, 'maxLen')} characters` });
      }
      if (own(r, 'minBytes') !== undefined && BigInt(Buffer.byteLength(value)) < own(r, 'minBytes')) {
        issues.push({ path, message: `must be at least ${own(r, 'minBytes')} byte(s)` });
      }
      if (
        r?.wellKnown?.case === 'wellKnownRegex' &&
        r.wellKnown.value === 1 &&
        !/^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/.test(value)
      ) {
        if (!(own(r, 'ignoreEmpty') === true && value === ''))
          issues.push({ path, message: 'not a valid header name' });
      }
      return;
    }
    if (kind === 'bool' && own(r, 'const') !== undefined && value !== own(r, 'const')) {
      issues.push({ path, message: `must be ${own(r, 'const')}` });
      return;
    }
    if (['uint32', 'int32', 'uint64', 'int64', 'double', 'float', 'fixed32', 'sfixed32'].includes(kind)) {
      const n = Number(value);
      if (!Number.isFinite(n)) return;
      const bound = (b: unknown) => (b === undefined ? undefined : Number(b));
      const [gt, gte, lt, lte, c] = [
        bound(own(r, 'gt')),
        bound(own(r, 'gte')),
        bound(own(r, 'lt')),
        bound(own(r, 'lte')),
        bound(own(r, 'const')),
      ];
      if (gt !== undefined && !(n > gt)) issues.push({ path, message: `must be greater than ${gt}` });
      if (gte !== undefined && !(n >= gte)) issues.push({ path, message: `must be at least ${gte}` });
      if (lt !== undefined && !(n < lt)) issues.push({ path, message: `must be less than ${lt}` });
      if (lte !== undefined && !(n <= lte)) issues.push({ path, message: `must be at most ${lte}` });
      if (c !== undefined && n !== c) issues.push({ path, message: `must be ${c}` });
    }
  }

  #messageRules(
    desc: DescMessage,
    // biome-ignore lint/suspicious/noExplicitAny: validate rules, read reflectively.
    rules: any,
    value: unknown,
    path: string,
    issues: StrictIssue[],
  ): void {
    const kind = rules?.type?.case;
    if (kind === 'duration' && desc.typeName === 'google.protobuf.Duration') {
      const n = durationNanos(value);
      if (n === undefined) return;
      const r = rules.type.value;
      const show = (d: bigint) => `${Number(d) / 1e9}s`;
      const [gt, gte, lt, lte] = [
        durationOf(own(r, 'gt')),
        durationOf(own(r, 'gte')),
        durationOf(own(r, 'lt')),
        durationOf(own(r, 'lte')),
      ];
      if (gt !== undefined && !(n > gt)) issues.push({ path, message: `must be longer than ${show(gt)}` });
      if (gte !== undefined && !(n >= gte)) issues.push({ path, message: `must be at least ${show(gte)}` });
      if (lt !== undefined && !(n < lt)) issues.push({ path, message: `must be shorter than ${show(lt)}` });
      if (lte !== undefined && !(n <= lte)) issues.push({ path, message: `must be at most ${show(lte)}` });
    } else if (desc.typeName.endsWith('Value') && desc.typeName.startsWith('google.protobuf.')) {
      this.#scalarRules(rules, value, path, issues);
    }
  }
}
