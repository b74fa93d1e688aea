/**
 * `transform`: kgateway-style transformations (Handlebars templates and JSONata expressions) of
 * request and response headers, bodies, status and dynamic metadata.
 *
 * ```yaml
 * - use: transform
 *   options:
 *     request:
 *       set: { x-user: '{{header "x-user-id"}}' }
 *       remove: [x-internal]
 *       body: { parseAs: json, jsonata: '{ "id": user.id }' }
 *       metadata: { tenant: '{{header "x-tenant"}}' }
 *     response:
 *       status: '{{#if (eq (header ":status") "404")}}200{{/if}}'
 * ```
 *
 * Everything is compiled in `setup`. Templates that do not read the body run in the headers
 * phase; a direction registers a body handler only when it reads or replaces the body, so Envoy
 * is asked for the body only then. See README.md beside this file.
 *
 * @module
 */
import {
  AttacheError,
  type BodyContext,
  createStateKey,
  type Direction,
  definePlugin,
  ErrorCode,
  type Handler,
  type HandlerResult,
  type Handlers,
  type HeadersContext,
  type HeaderView,
  type Mutations,
  type PhaseContextBase,
  respond,
  type Workers,
} from 'attache-extproc';
import bodyWorker, { type BodyResult, type BodyTask, type BodyWorkerState } from './body-worker.js';
import { compilePlans } from './compile.js';
import { drawsOf, keepDrawn } from './draws.js';
import { describeFailure, TransformFailure } from './failure.js';
import { transformOptions } from './options.js';
import { applyHeaders, emptyOutput, type Output } from './output.js';
import { type DirectionPlan, renderGroup } from './plan.js';
import { type Reach, reachOf } from './reach.js';
import { renderMessage } from './render.js';
import { type BodySource, EMPTY_BODY, type Scope } from './scope.js';
import { takeSnapshot } from './snapshot.js';

export { type TransformOptions, transformOptions } from './options.js';

const loggedKey = createStateKey<true>('transform.failure-logged');
/**
 * Per direction, what its headers phase did for templates that change headers from the body:
 * `null` it asked Envoy for a BUFFERED body, a string is why it could not (for the log).
 */
const bufferingKeys = {
  request: createStateKey<string | null>('transform.request-buffering'),
  response: createStateKey<string | null>('transform.response-buffering'),
} as const;
/** The mode override asking for a direction's body whole, so Envoy still holds its headers. */
const BUFFERED = {
  request: Object.freeze({ requestBody: 'buffered' }),
  response: Object.freeze({ responseBody: 'buffered' }),
} as const;

/**
 * Why header changes from the body were not made: Envoy no longer held the headers. Names the fix
 * and what the headers phase tried.
 */
function headersNotHeld(ctx: PhaseContextBase): TransformFailure {
  const d = ctx.direction;
  const asked = ctx.stream.get(bufferingKeys[d]);
  const tried =
    asked === null
      ? `transform asked for a BUFFERED ${d} body (mode_override) but Envoy kept streaming it: list the override in the filter's allowed_override_modes (attache envoy overrides)`
      : `or set allow_mode_override on the filter and envoy.allowModeOverride: true so transform asks for it${asked === undefined ? '' : ` (here: ${asked})`}`;
  return new TransformFailure(
    `Envoy no longer holds the ${d} headers when the body comes (a STREAMED or FULL_DUPLEX_STREAMED body, or headers the filter did not send), so the header and status changes of templates that read the body were not made; the body and metadata were. Fix: send the ${d} body BUFFERED (${d}_body_mode), ${tried}`,
  );
}

/** Removes content-type unless Envoy no longer holds the headers (a streamed body). */
function dropContentType(mutate: Mutations): void {
  try {
    mutate.remove('content-type');
  } catch (e) {
    if (!(e instanceof AttacheError && e.code === ErrorCode.PHASE_UNSUPPORTED)) throw e;
  }
}

/** The `transform` processor. */
export default definePlugin({
  name: 'transform',
  options: transformOptions,
  async setup(options, api) {
    const namespace = options.metadataNamespace ?? api.name;
    const missingIsError = options.missing === 'error';
    let failures = 0;
    const errors = api.metrics.counter({
      name: 'transform_errors_total',
      help: 'Transformations that failed, by plugin instance, direction and what onError did (passthrough: the message went on unchanged; reject: answered with an error)',
      labelNames: ['plugin', 'direction', 'action'],
    });

    const reaches: Partial<Record<Direction, Reach | null>> = {};
    for (const block of ['request', 'response'] as const) {
      const o = options[block];
      if (o === undefined) continue;
      for (const name of o.remove) api.checkHeader(name, { block, op: 'remove' });
      for (const name of Object.keys(o.set)) api.checkHeader(name, { block, op: 'set' });
      for (const name of Object.keys(o.add)) api.checkHeader(name, { block, op: 'append' });
      if ('status' in o && o.status !== undefined) api.checkHeader(':status', { block, op: 'set' });
    }
    const plans = compilePlans(options);
    // The body phase, inline: the worker module's own `run` over these plans.
    const inline: BodyWorkerState = { plans, missingIsError };
    // The body phase from the threshold on: the same `run` in the pool, over a snapshot of what
    // the templates can reach; a direction that names metadata or attributes by a computed value
    // (reach null) stays inline.
    for (const block of ['request', 'response'] as const) {
      const o = options[block];
      const plan = plans[block];
      if (o === undefined || plan === undefined || !plan.needsBody) continue;
      reaches[block] = reachOf({ status: undefined, ...o }, plan);
      if (reaches[block] === null) {
        api.log.info(
          { direction: block },
          'transform: a template or expression names metadata or an attribute by a computed value: these bodies are transformed inline whatever their size',
        );
      }
    }
    let pool: Workers<BodyTask, BodyResult> | undefined;
    if (Object.values(reaches).some((r) => r != null)) {
      const env: Record<string, string | null> = {};
      for (const name of options.env) env[name] = process.env[name] ?? null;
      pool = await api.workers<typeof bodyWorker>({
        module: './body-worker.js',
        options: { options, env },
        ...(options.workerThreshold === undefined ? {} : { threshold: options.workerThreshold }),
      });
    }

    /** onError: counted, logged once per stream (never with the body), then passthrough or reject. */
    const fail = (ctx: PhaseContextBase, e: unknown): HandlerResult => {
      failures++;
      errors.inc({ plugin: api.name, direction: ctx.direction, action: options.onError });
      if (ctx.stream.get(loggedKey) === undefined) {
        ctx.stream.set(loggedKey, true);
        // attache's own errors (a refused mutation, a shed pool task) name no body content.
        const reason = e instanceof AttacheError ? e.message : describeFailure(e);
        ctx.log.warn(
          { phase: ctx.phase, reason, onError: options.onError, failures },
          'transformation failed',
        );
      }
      if (options.onError === 'passthrough') return undefined;
      const status = options.rejectStatus ?? (ctx.direction === 'request' ? 400 : 502);
      return respond(status, { body: 'transformation failed\n' });
    };

    const scopeOf = (
      ctx: PhaseContextBase,
      headers: HeaderView | undefined,
      plan: DirectionPlan,
      body: BodySource,
    ): Scope => ({
      direction: ctx.direction,
      headers,
      stream: ctx.stream,
      body,
      strictText: plan.parseAs !== 'none',
      missingIsError,
      draws: () => drawsOf(ctx.stream),
    });

    const finish = (
      ctx: PhaseContextBase & { mutate: BodyContext['mutate'] },
      out: Output,
      bodyPhase: boolean,
    ): HandlerResult => {
      let unheld = false;
      if (bodyPhase) {
        // Where Envoy no longer holds the headers (streamed bodies) the first change throws and
        // none is made. That is the same for every message of this filter mode, not a fault of
        // this one: the body and metadata still apply, the header part is the failure (README).
        try {
          applyHeaders(out, ctx.mutate);
        } catch (e) {
          if (!(e instanceof AttacheError && e.code === ErrorCode.PHASE_UNSUPPORTED)) throw e;
          unheld = true;
        }
      }
      if (out.body !== undefined) {
        // kgateway's rule: an empty body has no content-type (where the headers can still change).
        if (out.body.length === 0 && !out.set.some(([n]) => n === 'content-type'))
          dropContentType(ctx.mutate);
        ctx.mutate.replaceBody(out.body);
      }
      if (Object.keys(out.metadata).length > 0) ctx.setMetadata(namespace, out.metadata);
      return unheld ? fail(ctx, headersNotHeld(ctx)) : undefined;
    };

    const headersHandler =
      (plan: DirectionPlan): Handler<HeadersContext> =>
      (ctx) => {
        // No body follows: everything runs now, over an empty body.
        const all = ctx.endOfStream && plan.needsBody;
        if (plan.lateHeaders && !ctx.endOfStream) {
          // Header changes from the body need it BUFFERED; ask where Envoy would apply it
          // (restating BUFFERED when the filter already buffers is harmless).
          const refusal = ctx.modeOverrideRefusal;
          if (refusal === null) ctx.overrideMode(BUFFERED[ctx.direction]);
          ctx.stream.set(bufferingKeys[ctx.direction], refusal);
        }
        if (!all && !plan.hasEarly) return undefined;
        const out = emptyOutput();
        try {
          const scope = scopeOf(ctx, ctx.headers, plan, EMPTY_BODY);
          out.remove.push(...plan.remove);
          if (!all) {
            renderGroup(plan.early, scope, undefined, out);
            applyHeaders(out, ctx.mutate);
            if (Object.keys(out.metadata).length > 0) ctx.setMetadata(namespace, out.metadata);
            return undefined;
          }
          return runAll(ctx, plan, scope, out);
        } catch (e) {
          return fail(ctx, e);
        }
      };

    /** The headers phase of a message without a body: everything renders now, inline. */
    const runAll = (
      ctx: HeadersContext,
      plan: DirectionPlan,
      scope: Scope,
      out: Output,
    ): HandlerResult | Promise<HandlerResult> => {
      const apply = (o: Output): HandlerResult => {
        applyHeaders(o, ctx.mutate);
        return finish(ctx, o, false);
      };
      const rendered = renderMessage(plan, scope, out, false);
      // One catch for both an evaluation that fails and a result that cannot be applied.
      if (rendered instanceof Promise) return rendered.then(apply).catch((e: unknown) => fail(ctx, e));
      return apply(rendered);
    };

    /** Applies a body phase's result, or its failure. */
    const applyBody = (ctx: BodyContext, r: BodyResult): HandlerResult => {
      if (!r.ok) return fail(ctx, new TransformFailure(r.reason));
      try {
        keepDrawn(ctx.stream, r.drawn);
        const body =
          r.body === null || Buffer.isBuffer(r.body)
            ? r.body
            : Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength);
        const out: Output = {
          set: r.set,
          add: r.add,
          remove: r.remove,
          metadata: r.metadata,
          status: r.status,
          body: body ?? undefined,
        };
        return finish(ctx, out, true);
      } catch (e) {
        return fail(ctx, e);
      }
    };

    const bodyHandler =
      (reach: Reach | null | undefined): Handler<BodyContext> =>
      (ctx) => {
        try {
          if (ctx.body.partial)
            throw new TransformFailure('Envoy sent only part of the body (BUFFERED_PARTIAL)');
          if (ctx.body.length > options.maxBodyBytes) {
            throw new TransformFailure(
              `body of ${ctx.body.length} bytes is over maxBodyBytes (${options.maxBodyBytes})`,
            );
          }
          const bytes = ctx.body.bytes();
          const direction = ctx.direction;
          const result =
            pool !== undefined && reach != null && bytes.length >= pool.threshold
              ? pool.run(bytes, ctx, {
                  direction,
                  snapshot: takeSnapshot(direction, ctx.headers, ctx.stream, reach),
                })
              : bodyWorker.run(bytes, inline, {
                  direction,
                  live: { headers: ctx.headers, stream: ctx.stream, draws: () => drawsOf(ctx.stream) },
                });
          // Inline the result is here now (JSONata aside): nothing awaited.
          if (result instanceof Promise) {
            return result.then(
              (r) => applyBody(ctx, r),
              (e: unknown) => fail(ctx, e),
            );
          }
          return applyBody(ctx, result);
        } catch (e) {
          return fail(ctx, e);
        }
      };

    const handlers: { -readonly [K in keyof Handlers]: Handlers[K] } = {};
    // Directions whose headers or status templates read the body: the generated Envoy config
    // buffers that body, and where a filter streams it the headers phase asks for BUFFERED.
    const fromBody = (['request', 'response'] as const).filter((d) => plans[d]?.lateHeaders === true);
    if (fromBody.length > 0) {
      handlers.headersFromBody = fromBody;
      handlers.modeOverrides = fromBody.map((d) => BUFFERED[d]);
    }
    if (plans.request) {
      handlers.requestHeaders = headersHandler(plans.request);
      if (plans.request.needsBody) handlers.requestBody = bodyHandler(reaches.request);
    }
    if (plans.response) {
      handlers.responseHeaders = headersHandler(plans.response);
      if (plans.response.needsBody) handlers.responseBody = bodyHandler(reaches.response);
    }
    return handlers;
  },
});
