/**
 * The body phase of one message, as a worker module (`api.workers`): its `setup` compiles the
 * instance's plans once per thread, its `run` renders a message's body and the templates that
 * read it into a small result. Bodies from the plugin's worker threshold on run in a pool
 * thread, reading a {@link MessageSnapshot}; smaller ones run this same `run` on the main
 * thread, reading the live stream. The two paths agree by construction.
 *
 * A failure never throws out of `run`: it comes back as its reason (computed here, so the log
 * line is the same on both paths and never carries the body).
 *
 * @module
 */
import { isMainThread } from 'node:worker_threads';
import type { Direction, JsonValue, WorkerModule } from 'attache-extproc';
import { compilePlans, type Plans } from './compile.js';
import { describeFailure } from './failure.js';
import type { TransformOptions } from './options.js';
import { emptyOutput, type Output } from './output.js';
import { renderMessage } from './render.js';
import { BodySource, type Scope, type TemplateHeaders, type TemplateStream } from './scope.js';
import { type MessageSnapshot, SnapshotStream, snapshotHeaders } from './snapshot-view.js';

/** What each thread's `setup` receives. */
export interface BodyWorkerOptions {
  /** The instance's parsed options. */
  readonly options: TransformOptions;
  /**
   * The allow-listed environment variables as the main thread read them (`null`: unset), so
   * `env` renders the same in a thread started later.
   */
  readonly env: Readonly<Record<string, string | null>>;
}

/** One message's body phase: its direction, and what its templates read. */
export type BodyTask =
  | {
      readonly direction: Direction;
      /** Inline: the message's own header view and stream, and the exchange's random draws. */
      readonly live: {
        readonly headers: TemplateHeaders | undefined;
        readonly stream: TemplateStream;
        readonly draws: () => Map<string, string>;
      };
    }
  | {
      readonly direction: Direction;
      /** In a pool thread: the snapshot. */
      readonly snapshot: MessageSnapshot;
    };

/** What a message's body phase produced (structured-clonable; the body travels back without a copy). */
export type BodyResult =
  | {
      readonly ok: true;
      /** The new body, or `null` to leave it. */
      readonly body: Uint8Array | null;
      readonly set: Array<[string, string]>;
      readonly add: Array<[string, string]>;
      readonly remove: string[];
      readonly status: string | undefined;
      readonly metadata: Record<string, JsonValue>;
      /** Random values a pool task drew, for the exchange to keep (`null`: none). */
      readonly drawn: Array<[string, string]> | null;
    }
  | { readonly ok: false; readonly reason: string };

/** Per thread (and on the main thread): the compiled plans. */
export interface BodyWorkerState {
  readonly plans: Plans;
  /** `missing: error`. */
  readonly missingIsError: boolean;
}

function setup(o: BodyWorkerOptions): BodyWorkerState {
  if (!isMainThread) {
    for (const [name, value] of Object.entries(o.env)) {
      if (value === null) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { plans: compilePlans(o.options), missingIsError: o.options.missing === 'error' };
}

const succeeded = (out: Output, stream: TemplateStream): BodyResult => ({
  ok: true,
  body: out.body ?? null,
  set: out.set,
  add: out.add,
  remove: out.remove,
  status: out.status,
  metadata: out.metadata,
  drawn: stream instanceof SnapshotStream ? stream.drawn() : null,
});

const failed = (e: unknown): BodyResult => ({ ok: false, reason: describeFailure(e) });

function run(bytes: Uint8Array, state: BodyWorkerState, task: BodyTask): BodyResult | Promise<BodyResult> {
  try {
    const plan = state.plans[task.direction];
    if (plan === undefined) throw new Error(`no ${task.direction} transformation`);
    const body = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let reads: {
      headers: TemplateHeaders | undefined;
      stream: TemplateStream;
      draws: () => Map<string, string>;
    };
    if ('live' in task) reads = task.live;
    else {
      const stream = new SnapshotStream(task.snapshot);
      reads = { headers: snapshotHeaders(task.snapshot.h), stream, draws: stream.draws };
    }
    const stream = reads.stream;
    const scope: Scope = {
      direction: task.direction,
      headers: reads.headers,
      stream,
      body: new BodySource(body),
      strictText: plan.parseAs !== 'none',
      missingIsError: state.missingIsError,
      draws: reads.draws,
    };
    const out = renderMessage(plan, scope, emptyOutput(), true);
    if (out instanceof Promise) return out.then((o) => succeeded(o, stream), failed);
    return succeeded(out, stream);
  } catch (e) {
    return failed(e);
  }
}

/** The transform body worker. */
const bodyWorker = { setup, run } satisfies WorkerModule<
  BodyWorkerOptions,
  BodyWorkerState,
  BodyTask,
  BodyResult
>;

export default bodyWorker;
