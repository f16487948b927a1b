// Ping ingestion throughput: autocannon against POST /v1/pings at 50 connections, on a bare
// Fastify route (204, no validation, no storage), on the server with PGlite and on the server
// with Postgres, in one run. Every request is a new visitor, so every ping is a durable insert.
// Prints figures; the last line is ingest_vs_bare_ratio=<Postgres rps / bare rps>. A fourth
// target, bench/round-server.mjs, stores nothing but answers in rounds 1 ms after each is
// complete: round_1ms_vs_bare_ratio is the ceiling, on the machine running this, for a server
// that writes one round at a time and whose write takes about 1 ms.
// Usage: pnpm build && node bench/ingest.mjs   (DURATION=10 seconds per target, after WARMUP=5)
//
// Every target first gets the same load for WARMUP seconds, left out of its figures (its rate is
// printed as warmup_rps): a server just started needs a few seconds to reach its steady rate
// (measured here: the ping server at 17–19k rps in its first second, 26–28k by its fourth, on
// an existing database too, so it is the process warming up, not the table), while the bare
// route is at full speed within one. Without it, the 10 s figure mixed start-up into the rate.
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
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

/** @param {string} name @param {number} fallback @param {number} least */
function seconds(name, fallback, least) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < least) throw new Error(`${name}: expected seconds, at least ${least}`);
  return value;
}
const DURATION = seconds('DURATION', 10, 1);
const WARMUP = seconds('WARMUP', 5, 0);
const CONNECTIONS = 50;
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const BENCH_DB = 'callbell_bench';
const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} script @param {Record<string, string>} env @param {number} port */
async function startServer(script, env, port) {
  const child = spawn(process.execPath, [join(root, script)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/pings`, { method: 'OPTIONS' });
      if (res.status < 500) return child;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not start`);
}

/** Stops a server and waits for it to exit, so its shutdown does not overlap the next target. */
async function stop(/** @type {import('node:child_process').ChildProcess} */ child) {
  if (child.exitCode !== null || child.signalCode !== null) return; // crashed or already gone
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// CPU seconds per process from /proc (Linux; elsewhere the CPU figures are left out): where a
// target's time goes on a machine the load generator, the server and Postgres share.
const TICK_S = 0.01; // USER_HZ is 100 on Linux
/** @param {number | string} pid */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_S;
  } catch {
    return 0;
  }
}
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(pid);
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

/**
 * @param {string} name @param {string} base the server's origin
 * @param {import('node:child_process').ChildProcess | null} server null when it runs elsewhere
 */
async function load(name, base, server) {
  const warmup = WARMUP > 0 ? await autocannon(pingLoad(base, WARMUP)) : null;
  const before = server &&
    hasProc && {
      server: cpuSeconds(server.pid ?? 0),
      load: cpuSeconds('self'),
      pg: postgresCpuSeconds(),
      at: performance.now(),
    };
  const result = await autocannon(pingLoad(base, DURATION));
  const figures = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    // Every ping acknowledged, the warm-up's included: each is a stored row.
    acknowledged: result.requests.total - result.non2xx + (warmup ? warmup.requests.total - warmup.non2xx : 0),
  };
  console.log(
    `${name.padEnd(9)} rps=${figures.rps.toFixed(0)} p50_ms=${figures.p50} p99_ms=${figures.p99} requests=${figures.total} non2xx=${figures.non2xx} errors=${figures.errors}${warmup ? ` warmup_rps=${warmup.requests.average.toFixed(0)} warmup_non2xx=${warmup.non2xx} warmup_errors=${warmup.errors}` : ''}`,
  );
  if (before) {
    // CPU per request, in µs, and cores busy over the run: server, load generator, Postgres.
    const perRequest = (/** @type {number} */ seconds) => ((seconds * 1e6) / figures.total).toFixed(1);
    const used = {
      server: cpuSeconds(server?.pid ?? 0) - before.server,
      load: cpuSeconds('self') - before.load,
      pg: postgresCpuSeconds() - before.pg,
    };
    const cores = (used.server + used.load + used.pg) / ((performance.now() - before.at) / 1000);
    console.log(
      `${''.padEnd(9)} cpu_us_per_request server=${perRequest(used.server)} loadgen=${perRequest(used.load)} postgres=${perRequest(used.pg)} cores_busy=${cores.toFixed(2)}`,
    );
  }
  return figures;
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

console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per target after ${WARMUP} s of warm-up`);
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
  const bareFigures = await load('bare', BARE_URL.replace(/\/$/, ''), null);
  const pgFigures = await load('postgres', PING_URL.replace(/\/$/, ''), null);
  if (PING_DATABASE_URL) {
    const rows = await countStored(PING_DATABASE_URL);
    console.log(`postgres rows stored=${rows} acknowledged=${pgFigures.acknowledged}`);
  }
  console.log(`ingest_vs_bare_ratio=${(pgFigures.rps / bareFigures.rps).toFixed(3)}`);
  process.exit(0);
}

const bare = await startServer('bench/bare-server.mjs', {}, 4101);
const bareFigures = await load('bare', 'http://127.0.0.1:4101', bare);
await stop(bare);

// A ceiling on this machine: no storage at all, but each round of requests answered 1 ms
// after it is complete, as a perfect group commit with one free 1 ms write at a time would.
const round = await startServer('bench/round-server.mjs', {}, 4104);
const roundFigures = await load('round-1ms', 'http://127.0.0.1:4104', round);
await stop(round);

const lite = await startServer(
  'packages/server/dist/server.js',
  { ...serverEnv, DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')) },
  4102,
);
const liteFigures = await load('pglite', 'http://127.0.0.1:4102', lite);
await stop(lite);

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${BENCH_DB}`);
await admin.query(`create database ${BENCH_DB}`);
const pgUrl = new URL(ADMIN_URL);
pgUrl.pathname = `/${BENCH_DB}`;
const postgres = await startServer('packages/server/dist/server.js', { ...serverEnv, DATABASE_URL: pgUrl.href }, 4103);
const pgFigures = await load('postgres', 'http://127.0.0.1:4103', postgres);
await stop(postgres);
const rows = await countStored(pgUrl.href);
await admin.query(`drop database if exists ${BENCH_DB}`);
await admin.end();

console.log(`postgres rows stored=${rows} acknowledged=${pgFigures.acknowledged}`);
console.log(`round_1ms_vs_bare_ratio=${(roundFigures.rps / bareFigures.rps).toFixed(3)}`);
console.log(`pglite_vs_bare_ratio=${(liteFigures.rps / bareFigures.rps).toFixed(3)}`);
console.log(`ingest_vs_bare_ratio=${(pgFigures.rps / bareFigures.rps).toFixed(3)}`);
