// The generated codec against an independent protobuf implementation (protobufjs) that reads the
// vendored Envoy protos exactly as they are, annotations included. src/gen holds only the types
// attache uses, cut out of those files by buf (scripts/gen-protos.mjs); these tests show the cut
// lost no field: every field of every message reachable from ProcessingRequest and
// ProcessingResponse, each oneof member in turn, survives protobufjs encode -> generated decode ->
// generated encode -> protobufjs decode.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';

const PROTOS_DIR = fileURLToPath(new URL('../../protos/', import.meta.url));
/** buf provides descriptor.proto to the generator; protobufjs ships its own copy but does not bundle it. */
const DESCRIPTOR_PROTO = createRequire(import.meta.url).resolve(
  'protobufjs/google/protobuf/descriptor.proto',
);

function loadEnvoyProtos(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    if (target === 'google/protobuf/descriptor.proto') return DESCRIPTOR_PROTO;
    // The other well-known types are bundled with protobufjs and found by this name.
    if (target.startsWith('google/protobuf/')) return target;
    return path.join(PROTOS_DIR, target);
  };
  root.loadSync('envoy/service/ext_proc/v3/external_processor.proto');
  root.resolveAll();
  return root;
}

type Plain = { [key: string]: unknown };

/** Non-default sample values, so proto3 writes every one of them on the wire. */
function scalarSample(type: string, seed: number): unknown {
  switch (type) {
    case 'string':
      return `s${seed}`;
    case 'bytes':
      // obs-text and NUL: header raw_value bytes must stay byte-exact.
      return Buffer.from([0x80, 0xff, 0x00, 0x41 + seed]);
    case 'bool':
      return true;
    case 'double':
    case 'float':
      return 1.5 + seed;
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return -7 - seed;
    case 'uint32':
    case 'fixed32':
      return 7 + seed;
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return -1_234_567_890_123 - seed;
    case 'uint64':
    case 'fixed64':
      return 1_234_567_890_123 + seed;
    default:
      throw new Error(`no sample for scalar type ${type}`);
  }
}

/**
 * Builds messages with every field set. Each oneof gets its members in turn, one per message built
 * that reaches it, so enough messages cover every member of every oneof, nested ones included. A
 * message type already on the path is a recursion (Struct, Value, ListValue): there only scalar
 * fields and scalar oneof members are set, which ends it.
 */
class SampleBuilder {
  /** `Type.field` of every field given a value so far, to prove that no field was left out. */
  readonly visited = new Set<string>();
  private readonly turns = new Map<protobuf.OneOf, number>();

  message(type: protobuf.Type, path: readonly string[] = []): Plain {
    const leaf = path.includes(type.fullName);
    const inPath = [...path, type.fullName];
    const out: Plain = {};
    const chosen = new Set<protobuf.Field>();
    for (const oneof of type.oneofsArray) {
      const members = leaf
        ? oneof.fieldsArray.filter((f) => !(f.resolvedType instanceof protobuf.Type))
        : oneof.fieldsArray;
      const turn = this.turns.get(oneof) ?? 0;
      this.turns.set(oneof, turn + 1);
      const member = members[turn % members.length];
      if (member === undefined) throw new Error(`${type.fullName}.${oneof.name}: no member to set`);
      chosen.add(member);
    }
    for (const field of type.fieldsArray) {
      if (field.partOf !== null && !chosen.has(field)) continue;
      if (leaf && field.resolvedType instanceof protobuf.Type) continue;
      this.visited.add(`${type.fullName}.${field.name}`);
      if (field instanceof protobuf.MapField) {
        out[field.name] = { [field.keyType === 'string' ? 'k' : '1']: this.value(field, inPath, 0) };
      } else if (field.repeated) {
        out[field.name] = [this.value(field, inPath, 0), this.value(field, inPath, 1)];
      } else {
        out[field.name] = this.value(field, inPath, 0);
      }
    }
    return out;
  }

  private value(field: protobuf.Field, path: readonly string[], seed: number): unknown {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) return this.message(resolved, path);
    if (resolved instanceof protobuf.Enum) {
      // The highest number: non-zero wherever the enum has more than its zero value.
      return Math.max(...Object.values(resolved.values));
    }
    return scalarSample(field.type, seed);
  }
}

/** `Type.field` of every field of every message reachable from `root`. */
function reachableFields(root: protobuf.Type): Set<string> {
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (type: protobuf.Type): void => {
    if (seen.has(type.fullName)) return;
    seen.add(type.fullName);
    for (const field of type.fieldsArray) {
      fields.add(`${type.fullName}.${field.name}`);
      if (field.resolvedType instanceof protobuf.Type) walk(field.resolvedType);
    }
  };
  walk(root);
  return fields;
}

/** protobufjs' own view of a decoded message, comparable across both codecs. */
function view(type: protobuf.Type, message: protobuf.Message): Plain {
  return type.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false });
}

/** Enough for the largest oneof (8 members) times the oneofs nested under it. */
const MAX_SAMPLES = 64;

/** Decode with the generated codec, then encode what it decoded. */
const CODECS: ReadonlyArray<{ name: string; throughGenerated: (wire: Uint8Array) => Uint8Array }> = [
  {
    name: 'envoy.service.ext_proc.v3.ProcessingRequest',
    throughGenerated: (wire) => ProcessingRequest.encode(ProcessingRequest.decode(wire)).finish(),
  },
  {
    name: 'envoy.service.ext_proc.v3.ProcessingResponse',
    throughGenerated: (wire) => ProcessingResponse.encode(ProcessingResponse.decode(wire)).finish(),
  },
];

describe('generated codec against protobufjs on the vendored Envoy protos', () => {
  const root = loadEnvoyProtos();

  for (const { name, throughGenerated } of CODECS) {
    const type = root.lookupType(name);

    it(`${name}: every reachable field and oneof member round-trips through the generated codec`, () => {
      const fields = reachableFields(type);
      const builder = new SampleBuilder();
      for (let n = 0; n < MAX_SAMPLES && builder.visited.size < fields.size; n++) {
        const reference = type.fromObject(builder.message(type));
        const wire = type.encode(reference).finish();
        expect(view(type, type.decode(throughGenerated(wire))), `sample ${n}`).toEqual(view(type, reference));
      }
      // The samples set every field the protos declare, so a field missing from src/gen would
      // have been dropped on the way through and failed the comparison above.
      expect([...fields].filter((f) => !builder.visited.has(f))).toEqual([]);
    });
  }

  it('the reference reads the fields added for Envoy 1.37+', () => {
    // Guards the comparison itself: protobufjs must see the vendored (edited) protos, not a copy.
    const request = root.lookupType('envoy.service.ext_proc.v3.ProcessingRequest');
    const body = root.lookupType('envoy.service.ext_proc.v3.BodyMutation');
    expect(request.fields.protocolConfig?.id).toBe(11);
    expect(body.fields.streamedResponse?.id).toBe(3);
  });
});
