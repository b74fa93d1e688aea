// Where a process's threads spent a measured window, from Linux's scheduler statistics: running,
// runnable but waiting for a core (the run queue), or asleep (waiting for work). bench/processes.mjs
// reads it for every server process and the load generator, to tell a machine that is short of
// cores (run-queue waits) from a load that leaves the servers without work (sleep).
//
// /proc/<pid>/task/<tid>/schedstat: "<ns on a CPU> <ns runnable in a run queue> <timeslices>";
// /proc/<pid>/task/<tid>/status: voluntary_ctxt_switches (the thread went to sleep: for an event
// loop, each is one wait in epoll) and nonvoluntary_ctxt_switches (it was preempted).
import { readdirSync, readFileSync } from 'node:fs';

/** One thread's counters, or null when it is gone or the kernel does not expose them. */
function threadSched(pid, tid) {
  try {
    const [run, wait, slices] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    const voluntary = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    const involuntary = Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { runNs: run, waitNs: wait, slices, voluntary, involuntary };
  } catch {
    return null;
  }
}

const ZERO = { runNs: 0, waitNs: 0, slices: 0, voluntary: 0, involuntary: 0 };
const add = (a, b) => ({
  runNs: a.runNs + b.runNs,
  waitNs: a.waitNs + b.waitNs,
  slices: a.slices + b.slices,
  voluntary: a.voluntary + b.voluntary,
  involuntary: a.involuntary + b.involuntary,
});

/**
 * A snapshot of `pid`: its main thread (the event loop) alone and all its threads together
 * (V8's GC helpers and libuv's pool included). Threads that end inside a window take their
 * counts with them, so `all` can only undercount; the main thread is exact. `mainTid` names the
 * thread that counts as the main one when it is not the process's first (a worker thread of
 * bench/native/envoy-load.c).
 */
export function schedSnapshot(pid, mainTid = pid) {
  let all = ZERO;
  let tids = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  for (const tid of tids) {
    const t = threadSched(pid, tid);
    if (t !== null) all = add(all, t);
  }
  const main = threadSched(pid, mainTid);
  return main === null ? null : { main, all };
}

/**
 * The window between two snapshots of one process, as shares of `elapsedMs` (in % of one core)
 * and counts per `ops` (streams): `mainRunPct` + `mainWaitPct` + `mainSleepPct` = 100 for the
 * event loop; `mainWakeupsPerOp` is how many times per stream it went to sleep and was woken.
 */
export function schedDelta(start, end, elapsedMs, ops) {
  if (start === null || end === null) return null;
  const pct = (ns) => (ns / (elapsedMs * 1e6)) * 100;
  const mainRun = end.main.runNs - start.main.runNs;
  const mainWait = end.main.waitNs - start.main.waitNs;
  const wakeups = end.main.voluntary - start.main.voluntary;
  return {
    mainRunPct: pct(mainRun),
    mainWaitPct: pct(mainWait),
    mainSleepPct: Math.max(0, 100 - pct(mainRun) - pct(mainWait)),
    mainWakeups: wakeups,
    mainPreemptions: end.main.involuntary - start.main.involuntary,
    mainWakeupsPerOp: ops > 0 ? wakeups / ops : null,
    allRunPct: pct(end.all.runNs - start.all.runNs),
    allWaitPct: pct(end.all.waitNs - start.all.waitNs),
  };
}
