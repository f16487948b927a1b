// The server processes the ingestion benches start (bench/ingest.mjs, bench/ingest-ab.mjs): when
// one answers, how to stop it, and how much CPU a process has used.
import { readFileSync } from 'node:fs';

/**
 * Resolves once the server `child` answers on `port` (a preflight to /v1/pings, which needs no
 * database row), polling every 200 ms `tries` times; throws if it exits first or never answers.
 * @param {import('node:child_process').ChildProcess} child @param {number} port
 * @param {string} name @param {number} tries
 */
export async function serving(child, port, name, tries) {
  for (let i = 0; i < tries; i++) {
    // Gone already (a port still held by an earlier run, say): whatever answers is not it.
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited while starting`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/pings`, { method: 'OPTIONS' });
      if (res.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start`);
}

/** Stops a server and waits for it to exit. */
export async function stop(/** @type {import('node:child_process').ChildProcess} */ child) {
  if (child.exitCode !== null || child.signalCode !== null) return; // crashed or already gone
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const TICK_S = 0.01; // USER_HZ is 100 on Linux

/**
 * CPU seconds (user and system) of process `pid` from /proc, with its waited-for children's if
 * asked; `unreadable` where /proc cannot tell (not Linux, or the process is gone).
 * @param {number | string} pid
 */
export function cpuSeconds(pid, withChildren = false, unreadable = Number.NaN) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const own = Number(fields[11]) + Number(fields[12]);
    return (withChildren ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_S;
  } catch {
    return unreadable;
  }
}
