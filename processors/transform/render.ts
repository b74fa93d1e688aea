/**
 * One message's transformation, rendered into an {@link Output} without touching the message:
 * the body (template or JSONata expression), then the header, status and metadata templates,
 * in kgateway's order. The headers phase (a message without a body) and the body phase, inline
 * or in a pool thread, all render through here.
 *
 * @module
 */
import type { Output } from './output.js';
import { bodyContext, type DirectionPlan, evaluateBody, renderBodyTemplate, renderGroup } from './plan.js';
import type { Scope, TemplateHeaders } from './scope.js';

/** What JSONata expressions may call: `$header`, `$requestHeader`, `$metadata`, `$attribute`. */
function bindingsOf(scope: Scope): Record<string, unknown> {
  return {
    header: (name: string) => scope.headers?.get(name),
    requestHeader: (name: string) =>
      (scope.direction === 'request' ? scope.headers : scope.stream.requestHeaders)?.get(name),
    metadata: (ns: string, key: string) => scope.stream.envoyMetadata(ns)?.[key],
    attribute: (name: string) => scope.stream.attribute(name),
  };
}

/** The message's content-type once `out`'s header changes (so far) apply. */
function contentTypeAfter(out: Output, headers: TemplateHeaders | undefined): string | undefined {
  const set = out.set.find(([n]) => n === 'content-type');
  return set ? set[1] : out.remove.includes('content-type') ? undefined : headers?.get('content-type');
}

/**
 * Renders `plan` for one message into `out`: its body, then (outside the body phase) the early
 * group, then the late group. Throws, or rejects, with the failure; `out` is then incomplete
 * and must not be applied.
 *
 * @param bodyPhase - whether the message's body is here (else: a message without one, in its
 *   headers phase, where an empty rendered body is left out).
 */
export function renderMessage(
  plan: DirectionPlan,
  scope: Scope,
  out: Output,
  bodyPhase: boolean,
): Output | Promise<Output> {
  const context = bodyContext(plan, scope);
  const rest = (body: Buffer | undefined): Output => {
    // An empty body stays as it is when the message had none.
    out.body = body !== undefined && (bodyPhase || body.length > 0) ? body : undefined;
    if (!bodyPhase) renderGroup(plan.early, scope, context, out);
    renderGroup(plan.late, scope, context, out);
    return out;
  };
  if (plan.bodyExpression === undefined) {
    return rest(renderBodyTemplate(plan, scope, context, contentTypeAfter(out, scope.headers)));
  }
  return evaluateBody(plan.bodyExpression, context, bindingsOf(scope)).then(rest);
}
