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
