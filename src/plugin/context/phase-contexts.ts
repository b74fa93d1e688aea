/**
 * What handlers receive: one object per message (two in body phases, for whole-body and chunk
 * handlers) exposing exactly the documented members of its phase. The message it reads and
 * changes is held in a private field, so nothing of the framework's state is reachable from a
 * plugin.
 *
 * @module
 */
import type { BodyView, ChunkView } from '../../http/body.js';
import type { HeaderView } from '../../http/header-map.js';
import type { Logger } from '../../log.js';
import type { Message } from '../../stream/message.js';
import type {
  BodyContext,
  ChunkContext,
  ChunkMutations,
  Direction,
  HeaderMutations,
  HeadersContext,
  JsonValue,
  ModeOverride,
  Mutations,
  PhaseContextBase,
  StreamContext,
  TrailersContext,
} from '../types.js';
import { ChunkMutationsImpl, HeaderMutationsImpl, MutationsImpl } from './mutations.js';

let messageOf: (ctx: PhaseContextImpl) => Message;

/** @internal the members every phase context has. */
abstract class PhaseContextImpl implements PhaseContextBase {
  readonly #m: Message;

  static {
    messageOf = (ctx) => ctx.#m;
  }

  constructor(message: Message) {
    this.#m = message;
  }

  abstract get phase(): PhaseContextBase['phase'];

  get direction(): Direction {
    return this.#m.direction;
  }

  get stream(): StreamContext {
    return this.#m.stream.context;
  }

  get log(): Logger {
    return this.#m.log;
  }

  setMetadata(namespace: string, values: Readonly<Record<string, JsonValue>>): void {
    this.#m.setMetadata(namespace, values);
  }

  requestMoreTime(ms: number): void {
    this.#m.requestMoreTime(ms);
  }
}

/**
 * @internal The message behind a handler context, or `null` for anything else (a test's fake
 * context): framework code that plugins call with their `ctx` (worker tasks) reads its deadline
 * and body through it.
 */
export function messageOfContext(ctx: unknown): Message | null {
  return ctx instanceof PhaseContextImpl ? messageOf(ctx) : null;
}

/** @internal `ctx` of a headers phase. */
export class HeadersContextImpl extends PhaseContextImpl implements HeadersContext {
  #mutate: MutationsImpl | null = null;

  get phase(): HeadersContext['phase'] {
    return messageOf(this).phase as HeadersContext['phase'];
  }

  get headers(): HeaderView {
    return (messageOf(this).headers as NonNullable<Message['headers']>).view();
  }

  get endOfStream(): boolean {
    return messageOf(this).endOfStream;
  }

  get mutate(): Mutations {
    return (this.#mutate ??= new MutationsImpl(messageOf(this)));
  }

  get modeOverrideRefusal(): string | null {
    return messageOf(this).modeRefusal;
  }

  overrideMode(mode: ModeOverride): void {
    messageOf(this).overrideMode(mode);
  }
}

/** @internal `ctx` of a whole-body handler. */
export class BodyContextImpl extends PhaseContextImpl implements BodyContext {
  #mutate: MutationsImpl | null = null;

  get phase(): BodyContext['phase'] {
    return messageOf(this).phase as BodyContext['phase'];
  }

  get body(): BodyView {
    return (messageOf(this).body as NonNullable<Message['body']>).view();
  }

  get headers(): HeaderView | undefined {
    return messageOf(this).headers?.view();
  }

  get mutate(): Mutations {
    return (this.#mutate ??= new MutationsImpl(messageOf(this)));
  }
}

/** @internal `ctx` of a chunk handler. */
export class ChunkContextImpl extends PhaseContextImpl implements ChunkContext {
  #mutate: ChunkMutationsImpl | null = null;

  get phase(): ChunkContext['phase'] {
    return messageOf(this).phase as ChunkContext['phase'];
  }

  get chunk(): ChunkView {
    return (messageOf(this).body as NonNullable<Message['body']>).chunkView();
  }

  get headers(): HeaderView | undefined {
    return messageOf(this).headers?.view();
  }

  get mutate(): ChunkMutations {
    return (this.#mutate ??= new ChunkMutationsImpl(messageOf(this)));
  }

  holdBack(n: number): void {
    messageOf(this).holdBack(n);
  }
}

/** @internal `ctx` of a trailers phase. */
export class TrailersContextImpl extends PhaseContextImpl implements TrailersContext {
  #mutate: HeaderMutationsImpl | null = null;

  get phase(): TrailersContext['phase'] {
    return messageOf(this).phase as TrailersContext['phase'];
  }

  get trailers(): HeaderView {
    return (messageOf(this).trailers as NonNullable<Message['trailers']>).view();
  }

  get mutate(): HeaderMutations {
    return (this.#mutate ??= new HeaderMutationsImpl(messageOf(this)));
  }
}
