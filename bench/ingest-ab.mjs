// Ping ingestion on Postgres, two builds alternately in one run: has the request path become
// slower? `--old` is a checkout of an earlier commit (a `git worktree` under /tmp, installed and
// built), `--new` the build to judge (this checkout by default). Each round measures both, in
// turns whose order flips every round (old new, new old, old new …), so on a shared machine whose
// speed drifts neither build is measured later on average. Every turn starts its build's server
// on a database of its own, created for it and dropped after it, gives it WARMUP seconds of
// unmeasured load (a server just started needs about 5 s to reach its rate; bench/ingest.mjs),
// then measures DURATION seconds of the same load as bench/ingest.mjs: 50 connections, every
// ping a new visitor, so every ping is a durable insert.
//
// Prints one line per turn (rps, p99, CPU µs per ping of the server and of Postgres, the load
// average as the measured load started, rows stored against pings acknowledged) and, last, the
// medians: new_vs_old_ratio_median is the median of the rounds' new/old rps ratios, with their
// range; server_cpu_ratio_median the same for the server's CPU per ping.
//
// `--rate=N` offers N pings a second in all instead of as many as the server takes. When others
// load the machine, the rate at saturation mostly measures them; at a rate both builds sustain,
// the server's CPU per ping still compares the builds' work per request (though a busy machine
// inflates it too: alternate, and read the ratios, not the figures).
//
// Usage: npx -y pnpm@10.34.9 build   (here and in the old worktree)
//        node bench/ingest-ab.mjs --old=/tmp/old-worktree [--new=.] [--rounds=5] [--duration=10]
//          [--warmup=5] [--rate=0]
//   (BENCH_ADMIN_URL=postgres://… names the Postgres server, as for bench/ingest.mjs)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuSeconds, serving, stop } from './processes.mjs';

const { values: args } = parseArgs({
  options: {
    old: { type: 'string' },
    new: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    rate: { type: 'string', default: '0' },
  },
});
/** @param {string} name @param {string | undefined} text @param {number} least */
function wholeNumber(name, text, least) {
  const value = Number(text);
  // autocannon stops on whole seconds.
  if (!Number.isInteger(value) || value < least)
    throw new Error(`--${name}: expected a whole number, at least ${least}`);
  return value;
}
const ROUNDS = wholeNumber('rounds', args.rounds, 1);
const DURATION = wholeNumber('duration', args.duration, 1);
const WARMUP = wholeNumber('warmup', args.warmup, 0);
const RATE = wholeNumber('rate', args.rate, 0);
if (!args.old) throw new Error('--old=<path of the older checkout, installed and built> is required');
const builds = [
  { name: 'old', root: resolve(args.old), port: 4131 },
  { name: 'new', root: resolve(/** @type {string} */ (args.new)), port: 4132 },
];
for (const build of builds) {
  if (!existsSync(serverScript(build))) throw new Error(`${serverScript(build)}: not built`);
}
const CONNECTIONS = 50;
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/** @param {{ root: string }} build */
function serverScript(build) {
  return resolve(build.root, 'packages/server/dist/server.js');
}

/** The server started last, killed when this script exits, however it exits. */
/** @type {import('node:child_process').ChildProcess | null} */
let running = null;
process.on('exit', () => {
  if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
});

/** @param {{ name: string, root: string, port: number }} build @param {string} databaseUrl */
async function startServer(build, databaseUrl) {
  const child = spawn(process.execPath, [serverScript(build)], {
    cwd: build.root,
    env: {
      ...process.env,
      // As bench/ingest.mjs: the demo widget, one network enough to qualify, no rate limit met.
      CALLBELL_DEMO: 'true',
      QUALIFY_MIN_NETWORKS: '1',
      PING_RATE_PER_IP: '10000000',
      PING_RATE_PER_WIDGET: '10000000',
      DATABASE_URL: databaseUrl,
      PORT: String(build.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running = child;
  await serving(child, build.port, `${build.name}: server`, 300);
  return child;
}

// CPU seconds per process: cpuSeconds, NaN where /proc cannot tell (not Linux).
/**
 * CPU seconds, per process, of the Postgres processes that work for `database`: its backends,
 * and the shared ones (WAL writer, checkpointer …). Others' backends on the same server are left
 * out, so on a shared machine the figure is only about this build's own.
 * @param {string} database @returns {Map<string, number>}
 */
function postgresCpuSeconds(database) {
  const seconds = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const backend = /\(\d+\)|\[local\]|parallel worker/.test(title);
      if (!backend || title.includes(` ${database} `)) seconds.set(pid, cpuSeconds(pid));
    } catch {}
  }
  return seconds;
}
/**
 * The CPU seconds spent between two snapshots by the processes in the second: one that started
 * in between counts from zero, one that ended is left out (its time cannot be read).
 * @param {Map<string, number>} before @param {Map<string, number>} after
 */
function cpuSpent(before, after) {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
/** The 1-minute load average, as `uptime` prints it. */
function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
  } catch {
    return '?';
  }
}

// Visitor ids unique to this run: every ping is a new visitor, so a durable insert.
const RUN = `ab${Date.now().toString(36)}`;
let visitor = 0;
/** autocannon's options for `seconds` of pings to `port`. @param {number} port @param {number} seconds */
function pingLoad(port, seconds) {
  return {
    url: `http://127.0.0.1:${port}/v1/pings`,
    connections: CONNECTIONS,
    duration: seconds,
    ...(RATE ? { overallRate: RATE } : {}),
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    requests: [
      {
        setupRequest: (/** @type {any} */ req) => ({
          ...req,
          body: JSON.stringify({
            widgetId: 'wdg_demo0000000001',
            visitorId: `${RUN}${String(++visitor).padStart(12, '0')}`,
            kind: 'install',
            url: 'https://bench.example.com/',
            sdkVersion: '0.1.0',
          }),
        }),
      },
    ],
  };
}

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
/** Databases this run created and has not dropped yet. */
const databases = new Set();
let failed = false;

/**
 * One turn: a fresh database, the build's server on it, warm-up, measured load, rows counted.
 * @param {{ name: string, root: string, port: number }} build @param {number} round
 */
async function turn(build, round) {
  const name = `callbell_ab_${process.pid}_${round}_${build.name}`;
  await admin.query(`create database ${name}`);
  databases.add(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const server = await startServer(build, url.href);
  try {
    const warmup = WARMUP > 0 ? await autocannon(pingLoad(build.port, WARMUP)) : null;
    const loadavg = loadAverage();
    const before = { server: cpuSeconds(server.pid ?? 0), pg: postgresCpuSeconds(name) };
    const result = await autocannon(pingLoad(build.port, DURATION));
    const after = { server: cpuSeconds(server.pid ?? 0), pg: postgresCpuSeconds(name) };
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`${build.name}: server stopped during its turn`);
    await stop(server);
    const acknowledged = result.requests.total - result.non2xx + (warmup ? warmup.requests.total - warmup.non2xx : 0);
    const db = new pg.Client({ connectionString: url.href });
    await db.connect();
    const { rows } = await db.query('select count(*)::int as n from pings where visitor_id like $1', [`${RUN}%`]);
    await db.end();
    const stored = rows[0].n;
    // Every acknowledged ping stored (a load stops with up to 50 in flight, stored unanswered).
    const lost = stored < acknowledged;
    if (result.non2xx || result.errors || warmup?.non2xx || warmup?.errors || lost) failed = true;
    const perPing = (/** @type {number} */ seconds) => (seconds * 1e6) / result.requests.total;
    const figures = {
      rps: result.requests.average,
      p99: result.latency.p99,
      serverUs: perPing(after.server - before.server),
      pgUs: perPing(cpuSpent(before.pg, after.pg)),
    };
    console.log(
      `round=${round} build=${build.name} rps=${figures.rps.toFixed(0)} p50_ms=${result.latency.p50} p99_ms=${figures.p99} server_us_per_ping=${figures.serverUs.toFixed(1)} postgres_us_per_ping=${figures.pgUs.toFixed(1)} requests=${result.requests.total} non2xx=${result.non2xx} errors=${result.errors} warmup_rps=${warmup ? warmup.requests.average.toFixed(0) : '-'} stored=${stored} acknowledged=${acknowledged} loadavg=${loadavg}`,
    );
    return figures;
  } finally {
    await stop(server);
    await admin.query(`drop database if exists ${name}`);
    databases.delete(name);
  }
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

console.log(
  `old=${builds[0]?.root} new=${builds[1]?.root} rounds=${ROUNDS} duration_s=${DURATION} warmup_s=${WARMUP} connections=${CONNECTIONS} rate=${RATE || 'unlimited'} loadavg=${loadAverage()}`,
);
try {
  /** @type {{ old: number[], new: number[], rps: number[], cpu: number[] }} */
  const seen = { old: [], new: [], rps: [], cpu: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? builds : [...builds].reverse();
    /** @type {Record<string, { rps: number, serverUs: number }>} */
    const figures = {};
    for (const build of order) figures[build.name] = await turn(build, round);
    const [old, now] = [figures.old, figures.new];
    if (!old || !now) throw new Error('a turn left no figures');
    seen.old.push(old.rps);
    seen.new.push(now.rps);
    seen.rps.push(now.rps / old.rps);
    seen.cpu.push(now.serverUs / old.serverUs);
    console.log(
      `round=${round} new_vs_old_ratio=${(now.rps / old.rps).toFixed(3)} server_cpu_ratio=${(now.serverUs / old.serverUs).toFixed(3)}`,
    );
  }
  const range = (/** @type {number[]} */ values) =>
    `${Math.min(...values).toFixed(3)}..${Math.max(...values).toFixed(3)}`;
  console.log(`old_rps_median=${median(seen.old).toFixed(0)}`);
  console.log(`new_rps_median=${median(seen.new).toFixed(0)}`);
  console.log(`server_cpu_ratio_median=${median(seen.cpu).toFixed(3)} server_cpu_ratio_range=${range(seen.cpu)}`);
  console.log(`loadavg_end=${loadAverage()}`);
  console.log(`new_vs_old_ratio_range=${range(seen.rps)}`);
  console.log(`new_vs_old_ratio_median=${median(seen.rps).toFixed(3)}`);
} finally {
  if (running) await stop(running);
  for (const name of databases) await admin.query(`drop database if exists ${name}`);
  await admin.end();
}
if (failed) {
  console.log('some turn had non-2xx answers, errors, or fewer rows stored than acknowledged');
  process.exitCode = 1;
}
