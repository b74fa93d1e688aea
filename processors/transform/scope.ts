/**
 * What a template sees of one message: the headers of its direction, the request headers, the
 * stream (attributes, forwarded metadata) and the body, decoded and parsed at most once however
 * many templates read it.
 *
 * @module
 */
import type { Direction, HeaderView, StreamContext } from 'attache-extproc';
import { TransformFailure } from './failure.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');
const NONE = Symbol('none');

/** The body of one message, read lazily and once. */
export class BodySource {
  readonly #bytes: Buffer;
  #text: string | undefined;
  #lossy: string | undefined;
  #json: unknown = NONE;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** Strict UTF-8 text. */
  text(): string {
    if (this.#text === undefined) {
      try {
        this.#text = strictUtf8.decode(this.#bytes);
      } catch {
        throw new TransformFailure('body is not valid UTF-8');
      }
    }
    return this.#text;
  }

  /** Text with invalid sequences replaced by U+FFFD (kgateway's `body()`), for `parseAs: none`. */
  lossyText(): string {
    if (this.#lossy === undefined) this.#lossy = lossyUtf8.decode(this.#bytes);
    return this.#lossy;
  }

  /** The body parsed as JSON (one parse per message); an empty body is `undefined`, not an error. */
  json(): unknown {
    if (this.#json === NONE && this.#bytes.length === 0) this.#json = undefined;
    if (this.#json === NONE) {
      const text = this.text();
      try {
        this.#json = JSON.parse(text);
      } catch (e) {
        throw new TransformFailure(`body is not valid JSON: ${(e as Error).message}`);
      }
    }
    return this.#json;
  }
}

/** An empty body, for messages that have none. */
export const EMPTY_BODY = new BodySource(Buffer.alloc(0));

/** What templates read of a header block: `get` and `getAll`, nothing else (see snapshot.ts). */
export type TemplateHeaders = Pick<HeaderView, 'get' | 'getAll'>;

/**
 * What templates read of the exchange: the request headers, attributes and forwarded metadata.
 * `ctx.stream` is one; a pool task reads a snapshot instead (snapshot-view.ts).
 */
export interface TemplateStream extends Pick<StreamContext, 'attribute' | 'envoyMetadata'> {
  readonly requestHeaders: TemplateHeaders | undefined;
}

/** Everything one rendering of one message may read. */
export interface Scope {
  readonly direction: Direction;
  /** This direction's headers as the message left them before this plugin's changes. */
  readonly headers: TemplateHeaders | undefined;
  readonly stream: TemplateStream;
  readonly body: BodySource;
  /** Whether `body` returns strict (`string`, `json`) or lossy (`none`) text. */
  readonly strictText: boolean;
  /** Whether a missing header, cookie or field fails the rendering instead of giving `""`. */
  readonly missingIsError: boolean;
  /**
   * The random values `randomReplace` drew in this exchange, by needle (created on first use):
   * kept in the stream's state inline, in the task's snapshot in a pool thread.
   */
  readonly draws: () => Map<string, string>;
  /** Cookies of the request, parsed on first use. */
  cookies?: Map<string, string>;
}
