/** What `promise` rejects with, or `undefined` when it resolves (for tests that inspect errors). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return undefined;
}
