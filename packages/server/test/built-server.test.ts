// The built server (dist/server.js) as it ships: a process on a real port, PGlite on disk,
// stopped by SIGTERM. `pnpm test` builds first.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/client.ts';

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const PORT = 20_000 + (process.pid % 20_000);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DATA_DIR = mkdtempSync(join(tmpdir(), 'callbell-server-'));

/** dist/server.js with `env` over this process's, its output (both streams) gathered in `out`. */
function spawnServer(env: NodeJS.ProcessEnv): { child: ChildProcess; out: string } {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawned = { child, out: '' };
  const gather = (chunk: Buffer) => {
    spawned.out += chunk;
  };
  child.stdout?.on('data', gather);
  child.stderr?.on('data', gather);
  return spawned;
}

/** The demo server the tests below share (start() starts it again). */
let run: { child: ChildProcess; out: string };

function start() {
  run = spawnServer({
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: ORIGIN,
    DATA_DIR,
    CALLBELL_DEMO: 'true',
    DATABASE_URL: '',
    PING_RATE_PER_IP: '100000',
  });
}

async function healthy(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${ORIGIN}/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${run.out}`);
}

const stopped = () =>
  new Promise<number | null>((resolve) => {
    run.child.once('exit', (code) => resolve(code));
    run.child.kill('SIGTERM');
  });

const ping = (i: number) =>
  fetch(`${ORIGIN}/v1/pings`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({
      widgetId: 'wdg_demo0000000001',
      visitorId: `httpvisitor${String(i).padStart(10, '0')}`,
      kind: 'install',
      url: 'https://bakery.example.com/',
      sdkVersion: '0.1.0',
    }),
  });

describe('dist/server.js', () => {
  beforeAll(async () => {
    if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `pnpm build` first');
    start();
    await healthy();
  }, 60_000);
  afterAll(() => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  });

  it('serves the demo widget config over HTTP with open CORS', async () => {
    const res = await fetch(`${ORIGIN}/v1/widgets/wdg_demo0000000001/config`, {
      headers: { origin: 'https://bakery.example.com' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await res.json()).branding.href).toBe(`${ORIGIN}/r/demo1234?src=widget&w=wdg_demo0000000001`);
  });

  it("starts its empty data directory from the build's migrated PGlite template, not initdb", () => {
    const started = run.out.split('\n').find((line) => line.includes('"msg":"started"')) ?? '';
    expect(JSON.parse(started)).toMatchObject({ fromTemplate: true });
    expect(run.out).not.toContain('migrations applied');
  });

  it('logs the demo owner in over HTTP: a session cookie (not Secure on http), then who it is', async () => {
    const login = await fetch(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'free@demo.callbell.test', password: 'callbell-demo' }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^cb_session=[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const me = await fetch(`${ORIGIN}/api/auth/me`, { headers: { cookie: setCookie.split(';')[0] ?? '' } });
    expect(me.status).toBe(200);
    expect((await me.json()).account).toMatchObject({ referralCode: 'demo1234', role: 'user' });
    // Four months of the demo's programme: money in every state (test/demo-seed.test.ts has more).
    const rewards = await (
      await fetch(`${ORIGIN}/api/rewards`, { headers: { cookie: setCookie.split(';')[0] ?? '' } })
    ).json();
    expect(rewards.stats).toMatchObject({ signups: 6, installs: 6 });
    expect(rewards.balances).toMatchObject({ availableCents: 6410, pendingCents: 3940, onHoldCents: 1000 });
    const operator = await fetch(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'operator@demo.callbell.test', password: 'callbell-demo' }),
    });
    expect((await operator.json()).account.role).toBe('admin');
  });

  it('stops on SIGTERM after answering every ping it accepted, and keeps them on disk', async () => {
    const responses = Array.from({ length: 100 }, (_, i) => ping(i));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exit = stopped();
    const statuses = await Promise.all(responses.map((r) => r.then((res) => res.status).catch(() => 'refused')));
    expect(await exit).toBe(0);
    expect(run.out).toContain('closing: finishing requests and flushing pending pings');
    const acknowledged = statuses.filter((s) => s === 204).length;
    expect(acknowledged).toBeGreaterThan(0);
    // Late arrivals are refused (503 while closing, or no connection): never acknowledged.
    expect(statuses.filter((s) => s !== 204 && s !== 503 && s !== 'refused')).toEqual([]);

    const db = await openDb({ databaseUrl: null, dataDir: DATA_DIR });
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pings where visitor_id like 'httpvisitor%'`,
    );
    // The server hashes passwords at the production cost (the test suite lowers its own).
    const hashes = await db.query<{ cost: string }>(
      `select distinct split_part(password_hash, '$', 2) as cost from accounts where password_hash is not null`,
    );
    await db.close();
    expect(rows[0]?.n).toBe(acknowledged);
    expect(hashes.rows).toEqual([{ cost: '16384' }]);
  }, 60_000);

  it('starts again on the same data without migrating twice', async () => {
    start();
    await healthy();
    expect(run.out).not.toContain('migrations applied');
    expect((await ping(1000)).status).toBe(204);
    expect(await stopped()).toBe(0);
  }, 60_000);

  it('warns at start in production when it runs on PGlite, and logs no secret a link carries', async () => {
    const port = PORT + 1;
    const production = spawnServer({
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'callbell-production-')),
      DATABASE_URL: '',
      CALLBELL_DEMO: 'false',
      COOKIE_SECRET: 'a-production-secret-of-at-least-32-chars',
      PAYOUT_ENCRYPTION_KEY: 'b'.repeat(64),
      SMTP_URL: 'smtp://127.0.0.1:9',
      TRUST_PROXY: 'true',
    });
    const child = production.child;
    try {
      const until = Date.now() + 30_000;
      // The warnings come before the `started` line: waiting a fixed time after `database ready`
      // missed them when plugins loading as it listens held the event loop.
      while (!production.out.includes('"msg":"started"') && child.exitCode === null && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const warning = production.out.split('\n').find((line) => line.includes('running on PGlite'));
      expect(warning, production.out).toBeDefined();
      expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40 });

      // The secrets links carry in their query never reach the request log.
      const origin = `http://127.0.0.1:${port}`;
      while (child.exitCode === null && Date.now() < until) {
        try {
          if ((await fetch(`${origin}/health`)).ok) break;
        } catch {}
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await fetch(`${origin}/app/reset?token=reset-secret-1&x=1`);
      await fetch(`${origin}/api/email/unsubscribe?token=unsubscribe-secret-2`);
      await fetch(`${origin}/app/plan/checkout?session=checkout-secret-3`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(production.out).not.toMatch(/reset-secret-1|unsubscribe-secret-2|checkout-secret-3/);
      expect(production.out).toContain('"url":"/app/reset?token=[redacted]&x=1"');
      // The client's network, never its address.
      expect(production.out).toContain('"remoteAddress":"127.0.0.0/24"');
      expect(production.out).not.toContain('"remoteAddress":"127.0.0.1"');
      expect(production.out).toContain('TRUST_PROXY=true believes every X-Forwarded-For hop');
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);

  it('waits for an unreachable database with a line per attempt, then exits non-zero naming it', async () => {
    const unreachable = spawnServer({
      PORT: String(PORT + 2),
      DATABASE_URL: 'postgres://callbell:hunter2@127.0.0.1:9/callbell',
      DB_WAIT_SECONDS: '2',
      CALLBELL_DEMO: 'false',
    });
    const child = unreachable.child;
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const lines = unreachable.out.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^database postgres:\/\/callbell:\*\*\*@127\.0\.0\.1:9\/callbell not reachable yet \(connect ECONNREFUSED .*\); attempt 1, trying again in 1 s$/,
      ),
      expect.stringMatching(
        /^Cannot start: the database postgres:\/\/callbell:\*\*\*@127\.0\.0\.1:9\/callbell did not answer within 2 s \(2 attempts\)/,
      ),
    ]);
    expect(unreachable.out).not.toContain('hunter2');
  }, 20_000);
});

describe('demo/start.sh (`pnpm start` after its build)', () => {
  it.skipIf(!existsSync('/proc/self/environ'))(
    'becomes the node process itself, with the memory settings the bench measures',
    async () => {
      const port = PORT + 2;
      const child = spawn('sh', [fileURLToPath(new URL('../../../demo/start.sh', import.meta.url))], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'callbell-start-')),
          DATABASE_URL: '',
          MALLOC_MMAP_THRESHOLD_: '',
        },
        stdio: 'ignore',
      });
      try {
        const until = Date.now() + 45_000;
        for (;;) {
          try {
            if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
          } catch {}
          if (Date.now() > until || child.exitCode !== null) throw new Error('demo/start.sh did not answer');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        // The shell exec'd node: the pid it started is the server's.
        const args = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
        expect(args).toContain('--max-semi-space-size=4');
        expect(args.at(-2)).toMatch(/demo\/start\.mjs$/);
        const env = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
        // An empty value is as good as unset: the script's default applies.
        expect(env).toContain('MALLOC_MMAP_THRESHOLD_=1048576');
      } finally {
        child.kill('SIGTERM');
      }
    },
    60_000,
  );
});
