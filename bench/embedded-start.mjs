// The embedded start (issue 14): how long `pnpm start` takes to answer, and what it holds in
// memory, on PGlite with the demo. Spawns the built server the way `pnpm start` does
// (sh demo/start.sh: node with its memory settings running demo/start.mjs, so
// CALLBELL_DEMO=true) on a fresh data directory and a free port, and times spawn → first 200
// from /health:
//   first start   empty data directory: PGlite's initdb, the migrations, the demo seed
//   warm start    the same directory again (several runs, median)
// It reads the node process's VmRSS right after each start, then drives demo use against the
// last warm server (visitors' config loads and pings to the demo widgets, footer clicks on /r,
// the ambassador's and the Pro customer's dashboard calls, the operator's queues) and prints
// the RSS at the end and the peak. A bare `node -e` http server, started the same way in the
// same run, is the baseline: the ratios compare runs taken at different loads.
// Every figure is a `name=value` line; the server's own `started` log line (phase timings and
// memory) is printed as the breakdown, prefixed with `first_` or `warm_`.
// Usage: pnpm build && node bench/embedded-start.mjs [--minutes=10] [--first-runs=3]
//        [--warm-runs=5] [--baseline-runs=5] [--server=path/to/server.js] [--keep]
//   --server runs that bundle (node, with CALLBELL_DEMO=true) instead of demo/start.sh: an
//   older build, to compare in the same run's conditions; a .sh file runs with sh instead.
//   --keep leaves the data directories (their paths are printed) instead of removing them.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_SCRIPT = join(ROOT, 'demo/start.sh');
const SERVER_DIST = join(ROOT, 'packages/server/dist/server.js');
const DEMO_PASSWORD = 'callbell-demo';
const FREE_WIDGET = 'wdg_demo0000000001';
const PAID_WIDGET = 'wdg_paidplan00000001';
const START_TIMEOUT_MS = 120_000;

/**
 * `--name=value` flags as numbers, with a default and a floor.
 * @param {string} name @param {number} fallback @param {number} least
 */
function flag(name, fallback, least) {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(value) || value < least) throw new Error(`--${name}: expected a number, at least ${least}`);
  return value;
}
const MINUTES = flag('minutes', 10, 0);
const FIRST_RUNS = Math.round(flag('first-runs', 3, 1));
const WARM_RUNS = Math.round(flag('warm-runs', 5, 1));
const BASELINE_RUNS = Math.round(flag('baseline-runs', 5, 1));
const KEEP = process.argv.includes('--keep');
const SERVER_ARG = process.argv.slice(2).find((a) => a.startsWith('--server='));
const ENTRY = SERVER_ARG ? resolve(SERVER_ARG.slice('--server='.length)) : START_SCRIPT;

/** @param {string} name @param {string | number} value */
const say = (name, value) => console.log(`${name}=${value}`);
/** @param {number[]} xs @returns {number} */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const at = (/** @type {number} */ i) => s[i] ?? Number.NaN;
  return s.length % 2 ? at(mid) : Math.round((at(mid - 1) + at(mid)) / 2);
};
/** Round-robin: the `n`th of `xs`. @param {string[]} xs @param {number} n */
const nth = (xs, n) => xs[n % xs.length] ?? '';
/** @param {number} kb */
const mb = (kb) => Math.round(kb / 1024);
/** @param {number} x */
const round1 = (x) => Math.round(x * 10) / 10;
/** @param {number} ms @returns {Promise<void>} */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on now. @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** VmRSS of a process in kB, or null once it is gone. @param {number | undefined} pid */
function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string, ms: number }} Answer
 * @typedef {{ headers?: Record<string, string>, body?: unknown, timeoutMs?: number }} Ask
 */

/**
 * One HTTP request to 127.0.0.1; resolves with status, headers and body, never rejects.
 * @param {number} port @param {string} method @param {string} path @param {Ask} [ask]
 * @returns {Promise<Answer>}
 */
function http(port, method, path, { headers = {}, body, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(payload !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', () => resolve({ status: 0, headers: {}, body: '', ms: performance.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, headers: {}, body: '', ms: performance.now() - started }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * Spawns `args` with `env`, its output to `logFile`, and polls `path` until it answers 200.
 * Resolves with the child, the milliseconds from spawn to that answer and the RSS then.
 * @param {string[]} args @param {NodeJS.ProcessEnv} env @param {number} port @param {string} logFile
 */
async function startAndWait(args, env, port, logFile, path = '/health') {
  const out = openSync(logFile, 'a');
  const started = performance.now();
  // A shell script (demo/start.sh) ends in `exec node`: the process measured is node's.
  const [command, rest] = args[0]?.endsWith('.sh') ? ['sh', args] : [process.execPath, args];
  const child = spawn(command, rest, { cwd: ROOT, env, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  for (;;) {
    if (exited)
      throw new Error(`${args.join(' ')} exited (${JSON.stringify(exited)}) before answering; see ${logFile}`);
    if (performance.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not answer within ${START_TIMEOUT_MS} ms; see ${logFile}`);
    }
    const res = await http(port, 'GET', path, { timeoutMs: 2000 });
    if (res.status === 200) break;
    await sleep(20);
  }
  const ms = Math.round(performance.now() - started);
  return { child, ms, rssKb: rssKb(child.pid) ?? 0 };
}

/**
 * SIGTERM, then SIGKILL if it has not exited in 15 s.
 * @param {import('node:child_process').ChildProcess} child @returns {Promise<void>}
 */
function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The server's last `started` log line in `logFile`: phase timings and memory, or null.
 * @param {string} logFile @returns {{ ms?: Record<string, number>, memoryMb?: Record<string, number> } | null}
 */
function startedLine(logFile) {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!line.includes('"msg":"started"')) continue;
    try {
      return JSON.parse(line);
    } catch {
      return null;
    }
  }
  return null;
}

/** @param {string} prefix @param {string} logFile */
function sayBreakdown(prefix, logFile) {
  const line = startedLine(logFile);
  if (!line) {
    say(`${prefix}breakdown`, 'none (no "started" log line from this build)');
    return;
  }
  for (const [k, v] of Object.entries(line.ms ?? {})) say(`${prefix}${k}_ms`, v);
  for (const [k, v] of Object.entries(line.memoryMb ?? {})) say(`${prefix}mem_${k}_mb`, v);
}

/**
 * The server's `memory` lines (MEMORY_LOG_SECONDS), one `memory_minute_n` line each.
 * @param {string} logFile
 */
function sayMemoryLines(logFile) {
  let n = 0;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"msg":"memory"')) continue;
    try {
      say(`memory_minute_${++n}`, JSON.stringify(JSON.parse(line).memoryMb));
    } catch {}
  }
}

/** Size and file count of a directory tree. @param {string} dir */
function treeSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { mb: round1(bytes / 1024 / 1024), files };
}

/** What creating one file costs on the data directory's file system (initdb writes ~1000). @param {string} dir */
function fileCreateMs(dir) {
  const n = 200;
  const started = performance.now();
  for (let i = 0; i < n; i++) closeSync(openSync(join(dir, `probe-${i}`), 'w'));
  const ms = (performance.now() - started) / n;
  for (let i = 0; i < n; i++) rmSync(join(dir, `probe-${i}`));
  return Math.round(ms * 100) / 100;
}

/** @param {number} port @param {string} dataDir @returns {NodeJS.ProcessEnv} */
const serverEnv = (port, dataDir) => {
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    CALLBELL_DEMO: 'true',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    // The demo's visitors come from many networks: believe the X-Forwarded-For this script
    // sends, or every ping, click and login would share 127.0.0.1's rate limits.
    TRUST_PROXY: '1',
    // A `memory` line a minute (server.ts): where the resident memory is, printed after the use.
    MEMORY_LOG_SECONDS: '60',
  };
  for (const name of ['DATABASE_URL', 'NODE_ENV', 'REDIS_URL', 'SMTP_URL', 'STRIPE_SECRET_KEY', 'LOG_LEVEL']) {
    delete env[name];
  }
  return env;
};

// --- the demo use --------------------------------------------------------------------------

/** A random IPv4 address in a documentation or carrier range, so no two visitors share one. */
const randomIp = () =>
  `${[100, 198, 203][Math.floor(Math.random() * 3)]}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
const visitorId = () => `bench${Math.random().toString(36).slice(2, 14).padEnd(12, '0')}${Date.now().toString(36)}`;

/**
 * A signed-in person: logs in (again every two minutes, as sessions come and go) and calls.
 * @param {number} port @param {string} email @param {string} ip @param {ReturnType<typeof useStats>} stats
 */
function person(port, email, ip, stats) {
  /** @type {{ cookie: string, csrf: string } | null} */
  let session = null;
  let loggedInAt = 0;
  const login = async () => {
    const res = await http(port, 'POST', '/api/auth/login', {
      body: { email, password: DEMO_PASSWORD },
      headers: { 'x-forwarded-for': ip },
    });
    stats.count(res, 'login');
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('cb_session='));
    if (res.status !== 200 || !cookie) throw new Error(`login as ${email} answered ${res.status}: ${res.body}`);
    session = { cookie: cookie.split(';')[0] ?? '', csrf: JSON.parse(res.body).csrfToken };
    loggedInAt = performance.now();
  };
  /** @param {string} method @param {string} path @param {unknown} [body] @returns {Promise<Answer>} */
  const call = async (method, path, body) => {
    if (!session || performance.now() - loggedInAt > 120_000) await login();
    if (!session) throw new Error('not logged in');
    const res = await http(port, method, path, {
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'x-forwarded-for': ip },
      ...(body === undefined ? {} : { body }),
    });
    stats.count(res, path.split('?')[0] ?? path);
    return res;
  };
  return { call };
}

function useStats() {
  /** @type {number[]} */
  const latencies = [];
  /** @type {Map<string, number>} */
  const byStatus = new Map();
  /** @type {Map<string, number>} */
  const unexpected = new Map();
  return {
    latencies,
    byStatus,
    unexpected,
    /** @param {Answer} res @param {string} label @param {number[]} [expected] */
    count(res, label, expected = [200, 201, 202, 204, 302, 304]) {
      latencies.push(res.ms);
      const cls = res.status === 0 ? 'error' : `${Math.floor(res.status / 100)}xx`;
      byStatus.set(cls, (byStatus.get(cls) ?? 0) + 1);
      if (!expected.includes(res.status)) {
        const key = `${label}:${res.status}`;
        unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
      }
    },
  };
}

/**
 * Demo use for `minutes`: per second about ten page views on the demo widgets' sites (config
 * load; a ping from each new visitor, a heartbeat from some returning ones), a footer or link
 * click every two seconds, the ambassador's Rewards page calls every two seconds, the Pro
 * customer's every four, the operator's queues every three. Samples the RSS every second.
 * @param {number} port @param {number | undefined} pid @param {number} minutes
 */
async function demoUse(port, pid, minutes) {
  const stats = useStats();
  const ambassador = person(port, 'free@demo.callbell.test', '198.51.100.201', stats);
  const pro = person(port, 'paid@demo.callbell.test', '198.51.100.202', stats);
  const operator = person(port, 'operator@demo.callbell.test', '198.51.100.203', stats);

  // The operator approves the Pro customer's affiliate request, so its statistics answer.
  const queue = await operator.call('GET', '/api/admin/affiliate/requests?status=requested');
  for (const r of JSON.parse(queue.body).requests ?? []) {
    await operator.call('POST', `/api/admin/affiliate/requests/${encodeURIComponent(r.accountId)}/approve`, {});
  }

  const sites = [
    { widgetId: FREE_WIDGET, urls: ['https://lucia-shop.example.com/', `http://localhost:${port}/sites/bakery`] },
    { widgetId: PAID_WIDGET, urls: ['https://studio-nord.example.com/', `http://localhost:${port}/sites/studio`] },
  ];
  /** @type {{ id: string, ip: string, site: (typeof sites)[number] }[]} */
  const returning = [];
  /** @type {Map<string, string>} */
  const etags = new Map();
  const pageView = async () => {
    const site = Math.random() < 0.75 ? sites[0] : sites[1];
    if (!site) return;
    const known =
      returning.length > 50 && Math.random() < 0.4 ? returning[Math.floor(Math.random() * returning.length)] : null;
    const visitor = known ?? { id: visitorId(), ip: randomIp(), site };
    const etag = etags.get(visitor.site.widgetId);
    const config = await http(port, 'GET', `/v1/widgets/${visitor.site.widgetId}/config`, {
      headers: { 'x-forwarded-for': visitor.ip, ...(known && etag ? { 'if-none-match': etag } : {}) },
    });
    stats.count(config, '/v1/widgets/config');
    if (config.headers.etag) etags.set(visitor.site.widgetId, config.headers.etag);
    // The widget pings once per visitor per day: new visitors, and a returning one now and then.
    if (known && Math.random() < 0.7) return;
    const url = visitor.site.urls[Math.floor(Math.random() * visitor.site.urls.length)];
    const ping = await http(port, 'POST', '/v1/pings', {
      // sendBeacon's text/plain, as the widget sends it.
      body: JSON.stringify({
        widgetId: visitor.site.widgetId,
        visitorId: visitor.id,
        kind: known ? 'heartbeat' : 'install',
        url,
        sdkVersion: '0.1.0',
      }),
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': visitor.ip },
    });
    stats.count(ping, '/v1/pings');
    if (!known && returning.length < 5000) returning.push(visitor);
  };
  const click = async () => {
    const [code, src] = Math.random() < 0.8 ? ['demo1234', 'widget'] : ['paid5678', 'link'];
    const res = await http(port, 'GET', `/r/${code}?src=${src}${src === 'widget' ? `&w=${FREE_WIDGET}` : ''}`, {
      headers: { 'x-forwarded-for': randomIp(), referer: 'https://lucia-shop.example.com/' },
    });
    stats.count(res, '/r/:code');
  };
  const ambassadorPages = [
    '/api/auth/me',
    '/api/rewards',
    '/api/rewards/entries',
    '/api/rewards/referrals',
    '/api/payouts',
    '/api/widgets',
    '/api/plan',
    '/api/account/notifications',
  ];
  const proPages = [
    '/api/affiliate',
    '/api/affiliate/stats',
    '/api/affiliate/stats?days=7',
    '/api/widgets',
    '/api/plan',
    '/api/affiliate/banners',
  ];
  const operatorPages = [
    '/api/admin/payouts?status=open',
    '/api/admin/waiting',
    '/api/admin/referrals?review=flagged',
    '/api/admin/payout-batches',
    '/api/admin/emails',
    '/api/admin/audit',
    '/api/admin/affiliate/requests',
    '/api/admin/programme',
    '/api/admin/demo',
  ];

  const end = performance.now() + minutes * 60_000;
  let peakKb = rssKb(pid) ?? 0;
  const series = [];
  let second = 0;
  /** @type {Set<Promise<unknown>>} */
  const inFlight = new Set();
  /** @param {Promise<unknown>} p */
  const fire = (p) => {
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  };
  while (performance.now() < end) {
    const tickStart = performance.now();
    for (let i = 0; i < 10; i++) fire(pageView());
    if (second % 2 === 0) fire(click());
    if (second % 2 === 0) fire(ambassador.call('GET', nth(ambassadorPages, second / 2)));
    if (second % 4 === 1) fire(pro.call('GET', nth(proPages, Math.floor(second / 4))));
    if (second % 3 === 2) fire(operator.call('GET', nth(operatorPages, Math.floor(second / 3))));
    const kb = rssKb(pid);
    if (kb === null) throw new Error('the server exited during the demo use');
    peakKb = Math.max(peakKb, kb);
    if (second % 60 === 0) series.push(mb(kb));
    second++;
    await sleep(Math.max(0, 1000 - (performance.now() - tickStart)));
  }
  await Promise.all(inFlight);
  const endKb = rssKb(pid) ?? 0;
  peakKb = Math.max(peakKb, endKb);
  series.push(mb(endKb));
  return { stats, endKb, peakKb, series };
}

// --- the run -------------------------------------------------------------------------------

try {
  readFileSync(SERVER_ARG ? ENTRY : SERVER_DIST);
} catch {
  console.error(`${SERVER_ARG ? ENTRY : SERVER_DIST} is missing: run npx -y pnpm@10.34.9 build first`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'callbell-embedded-start-'));
const children = new Set();
const cleanUp = () => {
  for (const child of children) child.kill('SIGKILL');
  if (!KEEP) rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

try {
  say('load_average_at_start', loadavg().map(round1).join(','));
  say('node', process.version);
  say('server', ENTRY.slice(ROOT.length));
  say('file_create_ms', fileCreateMs(work));

  // Baseline: a bare http server, spawned and polled the same way.
  const bare = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const port = await freePort();
    const script = "require('http').createServer((q,s)=>s.end('ok')).listen(+process.env.PORT,'127.0.0.1')";
    const run = await startAndWait(
      ['-e', script],
      { ...process.env, PORT: String(port) },
      port,
      join(work, 'bare.log'),
    );
    children.add(run.child);
    bare.push(run);
    await stop(run.child);
    children.delete(run.child);
  }
  const bareMs = median(bare.map((r) => r.ms));
  const bareRssKb = median(bare.map((r) => r.rssKb));
  say('baseline_start_ms', bareMs);
  say('baseline_rss_mb', mb(bareRssKb));

  // First starts: each on an empty data directory of its own.
  const first = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    const port = await freePort();
    const dataDir = join(work, `first-${i}`, 'pglite');
    const log = join(work, `first-${i}.log`);
    const run = await startAndWait([ENTRY], serverEnv(port, dataDir), port, log);
    children.add(run.child);
    first.push(run);
    say(`first_start_run_${i + 1}_ms`, run.ms);
    if (i === 0) sayBreakdown('first_', log);
    await stop(run.child);
    children.delete(run.child);
    if (i === 0) {
      const size = treeSize(dataDir);
      say('data_dir_mb', size.mb);
      say('data_dir_files', size.files);
    }
  }
  const firstMs = median(first.map((r) => r.ms));
  say('first_start_ms', firstMs);
  say('rss_after_first_start_mb', mb(median(first.map((r) => r.rssKb))));

  // Warm starts on the first run's directory; the last one stays up for the demo use.
  const warm = [];
  const warmDir = join(work, 'first-0', 'pglite');
  const warmLog = join(work, 'warm.log');
  let server = null;
  for (let i = 0; i < WARM_RUNS; i++) {
    const port = await freePort();
    const run = await startAndWait([ENTRY], serverEnv(port, warmDir), port, warmLog);
    children.add(run.child);
    warm.push(run);
    say(`warm_start_run_${i + 1}_ms`, run.ms);
    if (i < WARM_RUNS - 1) {
      await stop(run.child);
      children.delete(run.child);
    } else {
      server = { ...run, port };
    }
  }
  sayBreakdown('warm_', warmLog);
  const warmMs = median(warm.map((r) => r.ms));
  const startRssKb = median(warm.map((r) => r.rssKb));
  say('warm_start_ms', warmMs);
  say('rss_after_start_mb', mb(startRssKb));

  let use = null;
  if (MINUTES > 0 && server) {
    use = await demoUse(server.port, server.child.pid, MINUTES);
    say('use_minutes', MINUTES);
    say('use_requests', use.stats.latencies.length);
    say('use_by_status', [...use.stats.byStatus].map(([k, v]) => `${k}:${v}`).join(','));
    say('use_unexpected', [...use.stats.unexpected].map(([k, v]) => `${k}:${v}`).join(',') || 'none');
    const sorted = [...use.stats.latencies].sort((a, b) => a - b);
    say('use_p50_ms', round1(sorted[Math.floor(sorted.length * 0.5)] ?? 0));
    say('use_p99_ms', round1(sorted[Math.floor(sorted.length * 0.99)] ?? 0));
    say('rss_each_minute_mb', use.series.join(','));
    say('rss_after_use_mb', mb(use.endKb));
    say('rss_peak_mb', mb(use.peakKb));
    sayMemoryLines(warmLog);
  }
  if (server) {
    await stop(server.child);
    children.delete(server.child);
  }

  say('first_start_vs_baseline', round1(firstMs / bareMs));
  say('warm_start_vs_baseline', round1(warmMs / bareMs));
  say('rss_after_start_vs_baseline', round1(startRssKb / bareRssKb));
  if (use) say('rss_peak_vs_baseline', round1(use.peakKb / bareRssKb));
  say('load_average_at_end', loadavg().map(round1).join(','));
  const goals = [
    ['first_start_ms<=5000', firstMs <= 5000],
    ['warm_start_ms<=2000', warmMs <= 2000],
    ['rss_after_start_mb<=300', mb(startRssKb) <= 300],
    ...(use
      ? [
          ['rss_after_use_mb<=300', mb(use.endKb) <= 300],
          ['rss_peak_mb<=300', mb(use.peakKb) <= 300],
        ]
      : []),
  ];
  say('goals', goals.map(([g, ok]) => `${g}:${ok ? 'met' : 'missed'}`).join(','));
  if (KEEP) say('kept', work);
} finally {
  cleanUp();
}
