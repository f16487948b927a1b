// Ping ingestion throughput: autocannon against POST /v1/pings at 50 connections, on a bare
// Fastify route (204, no validation, no storage), on the server with PGlite and on the server
// with Postgres, in one run. Every request is a new visitor, so every ping is a durable insert.
// Prints figures; the last line is ingest_vs_bare_ratio=<Postgres rps / bare rps>. A fourth
// target, bench/round-server.mjs, stores nothing but answers in rounds 1 ms after each is
// complete: round_1ms_vs_bare_ratio is the ceiling, on the machine running this, for a server
// that writes one round at a time and whose write takes about 1 ms.
// Usage: pnpm build && node bench/ingest.mjs
//   (DURATION=10 seconds per target, in ROUNDS=2 parts, after WARMUP=5 seconds)
//
// Every target first gets the same load for WARMUP seconds, left out of its figures (its rate is
// printed as warmup_rps): a server just started needs a few seconds to reach its steady rate
// (measured here: the ping server at 17–19k rps in its first second, 26–28k by its fourth, on
// an existing database too, so it is the process warming up, not the table), while the bare
// route is at full speed within one. Without it, the 10 s figure mixed start-up into the rate.
// Then the Postgres server, the round reference and the bare route take turns, DURATION /
// ROUNDS seconds each, ROUNDS times, in that order and then in reverse (so no target is
// measured later on average, and the bare route never right after Postgres), all three
// running: on a shared machine whose speed drifts (the bare route alone measured 53k–66k rps
// in one hour), the ratio compares figures taken in the same minutes, not minutes apart. Each part follows a second of unmeasured load (REWARM), as
// a server idle through the others' turns has let its pooled database connections close (after
// 10 s) and must not pay for reopening them in its figures. A target's rps is the mean of its
// parts; its p50 and p99 are the highest of its parts' p50s and p99s. PGlite runs last, alone,
// after the Postgres server has stopped: its data directory's writes, flushed to disk later by
// the kernel, must not land in Postgres's turns.
//
// On this machine the load generator, the servers and Postgres share the cores. To keep the
// load generator apart, start the two servers on another machine and point this script at
// them (it then runs only those two targets and leaves out the CPU figures):
//   there: PORT=4101 HOST=0.0.0.0 node bench/bare-server.mjs
//          PORT=4103 HOST=0.0.0.0 DATABASE_URL=postgres://… CALLBELL_DEMO=true \
//          QUALIFY_MIN_NETWORKS=1 PING_RATE_PER_IP=10000000 PING_RATE_PER_WIDGET=10000000 \
//          node packages/server/dist/server.js
//   here:  BARE_URL=http://there:4101 PING_URL=http://there:4103 node bench/ingest.mjs
//          (PING_DATABASE_URL=postgres://… also counts the rows stored)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuSeconds, serving, stop } from './processes.mjs';

/** @param {string} name @param {number} fallback @param {number} least */
function seconds(name, fallback, least) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < least) throw new Error(`${name}: expected seconds, at least ${least}`);
  return value;
}
const DURATION = seconds('DURATION', 10, 1);
const WARMUP = seconds('WARMUP', 5, 0);
const REWARM = seconds('REWARM', 1, 0);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
// autocannon stops on whole seconds, so each part must be a whole number of them.
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || !Number.isInteger(DURATION / ROUNDS)) {
  throw new Error('ROUNDS: expected a whole number that divides DURATION into whole seconds');
}
const CONNECTIONS = 50;
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const BENCH_DB = 'callbell_bench';
const root = fileURLToPath(new URL('..', import.meta.url));

/** Every server this script started, killed when it exits, however it exits. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** @param {string} script @param {Record<string, string>} env @param {number} port */
async function startServer(script, env, port) {
  const child = spawn(process.execPath, [join(root, script)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  await serving(child, port, script, 150);
  return child;
}

// CPU per process (cpuSeconds, 0 where /proc cannot tell): where a target's time goes on a
// machine the load generator, the server and Postgres share.
/**
 * CPU seconds of every Postgres process, with what the postmaster has collected from those
 * that exited (autovacuum workers, backends): a process that ends moves its time into its
 * parent's, so the total never goes down.
 */
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(pid, true, 0);
    } catch {}
  }
  return total;
}
const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

// Visitor ids unique to this run, so a server whose database outlives the run (remote mode)
// still stores every ping rather than ignoring repeats.
const RUN = `bench${Date.now().toString(36)}`;
let visitor = 0;
/**
 * autocannon's options for `seconds` of pings to `base`, every one a new visitor.
 * @param {string} base @param {number} seconds
 */
function pingLoad(base, seconds) {
  return {
    url: `${base}/v1/pings`,
    connections: CONNECTIONS,
    duration: seconds,
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

/** @typedef {{ name: string, base: string, server: import('node:child_process').ChildProcess | null }} Target */
/**
 * @typedef {{
 *   target: Target, warmup: import('autocannon').Result | null, parts: number[], rps: number,
 *   p50: number, p99: number, non2xx: number, errors: number, total: number, acknowledged: number,
 *   cpu: { server: number, load: number, pg: number, seconds: number },
 * }} Figures
 */

/** CPU seconds so far of the target's server, this script and Postgres; null when not measurable. */
function cpuSnapshot(/** @type {Target} */ target) {
  if (!target.server || !hasProc) return null;
  return {
    server: cpuSeconds(target.server.pid ?? 0, false, 0),
    load: cpuSeconds('self', false, 0),
    pg: postgresCpuSeconds(),
    at: performance.now(),
  };
}

/** Adds the pings an unmeasured load acknowledged (each a stored row) to a target's count. */
const countAcknowledged = (/** @type {Figures} */ f) => (/** @type {import('autocannon').Result} */ result) => {
  f.acknowledged += result.requests.total - result.non2xx;
  if (!result.non2xx && !result.errors) return;
  console.log(`${f.target.name}: re-warm load had non2xx=${result.non2xx} errors=${result.errors}`);
  process.exitCode = 1;
};

/**
 * Warms every target up, then measures them in turns (module header). Prints a line per
 * target, and one with where the CPU went when the server runs here.
 * @param {Target[]} targets
 */
async function measure(targets) {
  /** @type {Figures[]} */
  const all = [];
  // Warmed up last to first, so the first target measured comes straight after its own warm-up.
  for (const target of [...targets].reverse()) {
    const warmup = WARMUP > 0 ? await autocannon(pingLoad(target.base, WARMUP)) : null;
    all.unshift({
      target,
      warmup,
      parts: [],
      rps: 0,
      p50: 0,
      p99: 0,
      non2xx: 0,
      errors: 0,
      total: 0,
      // Every ping acknowledged, the warm-up's included: each is a stored row.
      acknowledged: warmup ? warmup.requests.total - warmup.non2xx : 0,
      cpu: { server: 0, load: 0, pg: 0, seconds: 0 },
    });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const f of round % 2 ? [...all].reverse() : all) {
      if (REWARM > 0) await autocannon(pingLoad(f.target.base, REWARM)).then(countAcknowledged(f));
      const before = cpuSnapshot(f.target);
      const result = await autocannon(pingLoad(f.target.base, DURATION / ROUNDS));
      const after = cpuSnapshot(f.target);
      f.parts.push(result.requests.average);
      f.p50 = Math.max(f.p50, result.latency.p50);
      f.p99 = Math.max(f.p99, result.latency.p99);
      f.non2xx += result.non2xx;
      f.errors += result.errors;
      f.total += result.requests.total;
      f.acknowledged += result.requests.total - result.non2xx;
      if (f.target.server && (f.target.server.exitCode !== null || f.target.server.signalCode !== null)) {
        throw new Error(`the ${f.target.name} server stopped during its turn`);
      }
      if (before && after) {
        f.cpu.server += after.server - before.server;
        f.cpu.load += after.load - before.load;
        f.cpu.pg += after.pg - before.pg;
        f.cpu.seconds += (after.at - before.at) / 1000;
      }
    }
  }
  for (const f of all) {
    // Figures with refused or failed requests in them are not a rate of stored pings.
    if (f.non2xx || f.errors || f.warmup?.non2xx || f.warmup?.errors) process.exitCode = 1;
    f.rps = f.parts.reduce((sum, rps) => sum + rps, 0) / f.parts.length;
    const parts = f.parts.map((rps) => rps.toFixed(0)).join(',');
    const { warmup } = f;
    console.log(
      `${f.target.name.padEnd(9)} rps=${f.rps.toFixed(0)} parts=${parts} p50_ms=${f.p50} p99_ms=${f.p99} requests=${f.total} non2xx=${f.non2xx} errors=${f.errors}${warmup ? ` warmup_rps=${warmup.requests.average.toFixed(0)} warmup_non2xx=${warmup.non2xx} warmup_errors=${warmup.errors}` : ''}`,
    );
    if (f.cpu.seconds > 0) {
      // CPU per request, in µs, and cores busy while measured: server, load generator, Postgres.
      const perRequest = (/** @type {number} */ seconds) => ((seconds * 1e6) / f.total).toFixed(1);
      const cores = (f.cpu.server + f.cpu.load + f.cpu.pg) / f.cpu.seconds;
      console.log(
        `${''.padEnd(9)} cpu_us_per_request server=${perRequest(f.cpu.server)} loadgen=${perRequest(f.cpu.load)} postgres=${perRequest(f.cpu.pg)} cores_busy=${cores.toFixed(2)}`,
      );
    }
  }
  return all;
}

const serverEnv = {
  CALLBELL_DEMO: 'true',
  // autocannon sends from one address; a real widget's visitors come from many networks, so
  // the demo widget qualifies (and its pings stop being checked) as it did before that rule.
  QUALIFY_MIN_NETWORKS: process.env.QUALIFY_MIN_NETWORKS ?? '1',
  PING_RATE_PER_IP: '10000000',
  PING_RATE_PER_WIDGET: '10000000',
  DATABASE_URL: '',
};

console.log(
  `autocannon: ${CONNECTIONS} connections, ${DURATION} s per target in ${ROUNDS} turns, after ${WARMUP} s of warm-up`,
);
/** @param {string} url */
async function countStored(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('select count(*)::int as n from pings where visitor_id like $1', [`${RUN}%`]);
  await client.end();
  return rows[0].n;
}

if (process.env.BARE_URL || process.env.PING_URL) {
  const { BARE_URL, PING_URL, PING_DATABASE_URL } = process.env;
  if (!BARE_URL || !PING_URL) throw new Error('remote mode needs both BARE_URL and PING_URL');
  const bare = { name: 'bare', base: BARE_URL.replace(/\/$/, ''), server: null };
  const postgres = { name: 'postgres', base: PING_URL.replace(/\/$/, ''), server: null };
  const [bareFigures, pgFigures] = /** @type {[Figures, Figures]} */ (await measure([bare, postgres]));
  if (PING_DATABASE_URL) {
    const rows = await countStored(PING_DATABASE_URL);
    console.log(`postgres rows stored=${rows} acknowledged=${pgFigures.acknowledged}`);
  }
  console.log(`ingest_vs_bare_ratio=${(pgFigures.rps / bareFigures.rps).toFixed(3)}`);
  process.exit();
}

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${BENCH_DB}`);
await admin.query(`create database ${BENCH_DB}`);
const pgUrl = new URL(ADMIN_URL);
pgUrl.pathname = `/${BENCH_DB}`;
const liteDir = mkdtempSync(join(tmpdir(), 'bench-'));

try {
  /** @type {Target[]} */
  // Postgres, the round reference, the bare route; then the other way round. What Postgres
  // still does after a load (writing back, vacuuming) then lands in the reference's turn or
  // after the last, never in the bare route's.
  const turns = [
    {
      name: 'postgres',
      base: 'http://127.0.0.1:4103',
      server: await startServer('packages/server/dist/server.js', { ...serverEnv, DATABASE_URL: pgUrl.href }, 4103),
    },
    // A ceiling on this machine: no storage at all, but each round of requests answered 1 ms
    // after it is complete, as a perfect group commit with one free 1 ms write at a time would.
    {
      name: 'round-1ms',
      base: 'http://127.0.0.1:4104',
      server: await startServer('bench/round-server.mjs', {}, 4104),
    },
    { name: 'bare', base: 'http://127.0.0.1:4101', server: await startServer('bench/bare-server.mjs', {}, 4101) },
  ];
  const [postgres, round, bare] = /** @type {[Figures, Figures, Figures]} */ (await measure(turns));
  for (const target of turns) if (target.server) await stop(target.server);
  const rows = await countStored(pgUrl.href);

  const liteServer = await startServer('packages/server/dist/server.js', { ...serverEnv, DATA_DIR: liteDir }, 4102);
  const [lite] = /** @type {[Figures]} */ (
    await measure([{ name: 'pglite', base: 'http://127.0.0.1:4102', server: liteServer }])
  );
  await stop(liteServer);

  console.log(`postgres rows stored=${rows} acknowledged=${postgres.acknowledged}`);
  console.log(`round_1ms_vs_bare_ratio=${(round.rps / bare.rps).toFixed(3)}`);
  console.log(`pglite_vs_bare_ratio=${(lite.rps / bare.rps).toFixed(3)}`);
  console.log(`ingest_vs_bare_ratio=${(postgres.rps / bare.rps).toFixed(3)}`);
} finally {
  for (const child of children) await stop(child);
  rmSync(liteDir, { recursive: true, force: true });
  await admin.query(`drop database if exists ${BENCH_DB}`);
  await admin.end();
}
