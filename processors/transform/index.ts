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
} from 'attache-extproc';
import { TransformFailure } from './failure.js';
import { type DirectionOptions, transformOptions } from './options.js';
import { applyHeaders, emptyOutput, type Output } from './output.js';
import {
  bodyContext,
  compileDirection,
  type DirectionPlan,
  evaluateBody,
  renderBodyTemplate,
  renderGroup,
} from './plan.js';
import { BodySource, EMPTY_BODY, type Scope } from './scope.js';
import { TemplateCompiler } from './templates.js';

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

/**
 * The reason of a failure, for the log. Errors other than ours (Handlebars' strict mode, a
 * TypeError in a lookup) may name the value they met, which may be the body: the part from
 * " in " on is cut.
 */
function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return 'a non-error was thrown';
  if (e instanceof TransformFailure || e instanceof AttacheError) return e.message;
  return `${e.name}: ${e.message.replace(/ in [\s\S]*$/, '')}`;
}

/** The `transform` processor. */
export default definePlugin({
  name: 'transform',
  options: transformOptions,
  setup(options, api) {
    const namespace = options.metadataNamespace ?? api.name;
    const missingIsError = options.missing === 'error';
    let failures = 0;
    const errors = api.metrics.counter({
      name: 'transform_errors_total',
      help: 'Transformations that failed, by plugin instance, direction and what onError did (passthrough: the message went on unchanged; reject: answered with an error)',
      labelNames: ['plugin', 'direction', 'action'],
    });

    const plans: Partial<Record<Direction, DirectionPlan>> = {};
    for (const block of ['request', 'response'] as const) {
      const o = options[block];
      if (o === undefined) continue;
      for (const name of o.remove) api.checkHeader(name, { block, op: 'remove' });
      for (const name of Object.keys(o.set)) api.checkHeader(name, { block, op: 'set' });
      for (const name of Object.keys(o.add)) api.checkHeader(name, { block, op: 'append' });
      if ('status' in o && o.status !== undefined) api.checkHeader(':status', { block, op: 'set' });
      const compiler = new TemplateCompiler({
        env: options.env,
        parseAs: o.body?.parseAs ?? 'none',
        regexMaxInput: options.regexMaxInput,
        missingIsError,
      });
      plans[block] = compileDirection(
        block,
        { status: undefined, ...o } as DirectionOptions,
        compiler,
        options.jsonataTimeoutMs,
      );
    }

    /** onError: counted, logged once per stream (never with the body), then passthrough or reject. */
    const fail = (ctx: PhaseContextBase, e: unknown): HandlerResult => {
      failures++;
      errors.inc({ plugin: api.name, direction: ctx.direction, action: options.onError });
      if (ctx.stream.get(loggedKey) === undefined) {
        ctx.stream.set(loggedKey, true);
        const reason = describeFailure(e);
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
    });

    const bindingsOf = (scope: Scope): Record<string, unknown> => ({
      header: (name: string) => scope.headers?.get(name),
      requestHeader: (name: string) =>
        (scope.direction === 'request' ? scope.headers : scope.stream.requestHeaders)?.get(name),
      metadata: (ns: string, key: string) => scope.stream.envoyMetadata(ns)?.[key],
      attribute: (name: string) => scope.stream.attribute(name),
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

    const contentTypeAfter = (out: Output, headers: HeaderView | undefined): string | undefined => {
      const set = out.set.find(([n]) => n === 'content-type');
      return set ? set[1] : out.remove.includes('content-type') ? undefined : headers?.get('content-type');
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
          return runAll(ctx, plan, scope, out, false);
        } catch (e) {
          return fail(ctx, e);
        }
      };

    const runAll = (
      ctx: HeadersContext | BodyContext,
      plan: DirectionPlan,
      scope: Scope,
      out: Output,
      bodyPhase: boolean,
    ): HandlerResult | Promise<HandlerResult> => {
      const context = bodyContext(plan, scope);
      const go = (body: Buffer | undefined): HandlerResult => {
        // An empty body stays as it is when the message had none.
        out.body = body !== undefined && (bodyPhase || body.length > 0) ? body : undefined;
        if (!bodyPhase) renderGroup(plan.early, scope, context, out);
        renderGroup(plan.late, scope, context, out);
        if (!bodyPhase) applyHeaders(out, ctx.mutate);
        return finish(ctx, out, bodyPhase);
      };
      if (plan.bodyExpression === undefined) {
        return go(renderBodyTemplate(plan, scope, context, contentTypeAfter(out, scope.headers)));
      }
      // One catch for both an evaluation that fails and a result that cannot be applied.
      return evaluateBody(plan.bodyExpression, context, bindingsOf(scope))
        .then(go)
        .catch((e: unknown) => fail(ctx, e));
    };

    const bodyHandler =
      (plan: DirectionPlan): Handler<BodyContext> =>
      (ctx) => {
        try {
          if (ctx.body.partial)
            throw new TransformFailure('Envoy sent only part of the body (BUFFERED_PARTIAL)');
          if (ctx.body.length > options.maxBodyBytes) {
            throw new TransformFailure(
              `body of ${ctx.body.length} bytes is over maxBodyBytes (${options.maxBodyBytes})`,
            );
          }
          const scope = scopeOf(ctx, ctx.headers, plan, new BodySource(ctx.body.bytes()));
          return runAll(ctx, plan, scope, emptyOutput(), true);
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
      if (plans.request.needsBody) handlers.requestBody = bodyHandler(plans.request);
    }
    if (plans.response) {
      handlers.responseHeaders = headersHandler(plans.response);
      if (plans.response.needsBody) handlers.responseBody = bodyHandler(plans.response);
    }
    return handlers;
  },
});
