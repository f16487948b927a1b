import { buildApp } from './app.ts';
import { ConfigError, loadConfig, startupWarnings } from './config.ts';
import { migrate, readMigrations } from './db/migrate.ts';
import { restorePgliteTemplate } from './db/pglite-template.ts';
import { DatabaseUnreachable, openDatabase } from './db/wait.ts';
import { DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, DEMO_PAID_EMAIL, DEMO_PASSWORD } from './demo-accounts.ts';
import { seedDemo } from './demo-seed.ts';
import { systemClock } from './domain/clock.ts';
import { memoryDetail, memoryMb } from './memory-report.ts';
import { demoClock } from './services/demo-clock.ts';
import { ensureOperator } from './services/operator.ts';

/**
 * MEMORY_LOG_SECONDS=n (diagnostics, bench/embedded-start.mjs): a `memory` log line every n
 * seconds with where the resident memory is. Unset or not a positive number: none.
 */
function memoryLogSeconds(): number | null {
  const n = Number(process.env.MEMORY_LOG_SECONDS);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Starts the server: validate configuration, migrate, listen; close gracefully on a signal. */
async function main() {
  // Milliseconds each start-up phase took, for the `started` line (bench/embedded-start.mjs).
  const ms: Record<string, number> = { modules: Math.round(performance.now()) };
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const since = performance.now();
    try {
      return await run();
    } finally {
      ms[name] = Math.round(performance.now() - since);
    }
  };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const migrations = readMigrations();
  // A first start on PGlite writes out the build's migrated template instead of running initdb.
  const since = performance.now();
  const fromTemplate = !config.databaseUrl && restorePgliteTemplate(config.dataDir, migrations);
  ms.template = Math.round(performance.now() - since);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await timed('openDb', () => openDatabase(config, { say: (line) => console.error(line) }));
  } catch (err) {
    if (err instanceof DatabaseUnreachable) {
      console.error(`Cannot start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  // Still run from a template: it records the migrations it holds, so this only reads.
  const applied = await timed('migrate', () => migrate(db, migrations));
  const clock = config.demo ? await demoClock(db) : systemClock;
  const seeded = config.demo
    ? await timed('seed', () => seedDemo(db, config, clock.now(), (m) => console.warn(m)))
    : false;
  const app = await timed('buildApp', () => buildApp({ config, db, closeDb: true, clock }));
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (seeded)
    app.log.info({ ms: ms.seed }, 'demo data seeded: four months of the programme, played through the real code');
  const operator = await timed('ensureOperator', () => ensureOperator(db, config, clock.now()));
  if (operator === 'created') app.log.info({ email: config.adminEmail }, 'operator account created');
  if (operator === 'needs_password') {
    app.log.warn({ email: config.adminEmail }, 'no operator account yet: set ADMIN_PASSWORD for its first start');
  }
  if (operator === 'taken_by_user') {
    app.log.error(
      { email: config.adminEmail },
      'ADMIN_EMAIL belongs to an account that signed up by itself; it is not made the operator',
    );
  }
  app.log.info({ database: db.kind, demo: config.demo }, 'database ready');
  for (const warning of startupWarnings(config, db.kind)) app.log.warn(warning);

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests and flushing pending pings');
    const timer = setTimeout(() => {
      app.log.error('graceful close took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));

  await timed('listen', () => app.listen({ port: config.port, host: config.host }));
  ms.total = Math.round(performance.now());
  const wasmHeap = () => db.wasmHeapBytes?.() ?? null;
  app.log.info({ ms, memoryMb: memoryMb(wasmHeap()), fromTemplate }, 'started');
  const every = memoryLogSeconds();
  if (every) {
    const timer = setInterval(() => {
      app.log.info({ memoryMb: { ...memoryMb(wasmHeap()), ...memoryDetail(wasmHeap()) } }, 'memory');
    }, every * 1000);
    timer.unref();
  }
  if (config.demo) {
    // For a person at a terminal, not a log reader: where to go and how to get in.
    const o = config.publicOrigin;
    console.log(
      [
        '',
        '  Callbell demo is running',
        '',
        `  Dashboard          ${o}/app/`,
        `  Demo site (Free)   ${o}/sites/bakery   its widget shows "⚡ by Callbell", carrying the ambassador's code`,
        `  Demo site (Pro)    ${o}/sites/studio   a paid plan's widget, footer hidden`,
        '',
        `  Log in (password "${DEMO_PASSWORD}"):`,
        `    ${DEMO_OWNER_EMAIL.padEnd(30)} an ambassador on Free, with money in every state`,
        `    ${DEMO_PAID_EMAIL.padEnd(30)} a Pro customer who hid the footer`,
        `    ${DEMO_ADMIN_EMAIL.padEnd(30)} the operator: payouts, reviews, e-mail outbox, demo console`,
        '',
      ].join('\n'),
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
