/**
 * The one error a transformation raises at run time. Its message names what failed and why,
 * never the body's content, so it can be logged as it is.
 *
 * @module
 */
/** A transformation that cannot produce its output for this message. */
export class TransformFailure extends Error {
  override readonly name = 'TransformFailure';
}

/**
 * The reason of a rendering's failure, for the log. Errors other than ours (Handlebars' strict
 * mode, a TypeError in a lookup) may name the value they met, which may be the body: the part
 * from " in " on is cut. Pool tasks compute it in their thread, so both paths log the same
 * reason. (This module imports nothing of attache: pool threads load it.)
 */
export function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return 'a non-error was thrown';
  if (e instanceof TransformFailure) return e.message;
  return `${e.name}: ${e.message.replace(/ in [\s\S]*$/, '')}`;
}
