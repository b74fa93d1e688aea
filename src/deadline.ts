/**
 * Bounding asynchronous work by a time limit.
 *
 * @module
 */

/**
 * Settles like `work`, unless `ms` pass first: then rejects with `onTimeout()`. The timer never
 * outlives the race. `work` itself is not cancelled (JavaScript cannot); its late result is
 * ignored.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
