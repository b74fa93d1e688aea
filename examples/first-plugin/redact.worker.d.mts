// The types of redact.worker.mjs, for redact.ts.
import type { WorkerModule } from 'attache-extproc';

declare const redactWorker: WorkerModule<{ pattern: string }, RegExp, undefined, Buffer>;
export default redactWorker;
