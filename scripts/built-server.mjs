// The built server (packages/server/dist/server.js) as it ships, on a fresh PGlite data
// directory and a port of its own, seeded with the demo: for the browser tests, the benchmarks
// and the README's screenshots. `pnpm build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../packages/server/dist/server.js', import.meta.url));

/** Every server started here, killed when this process exits, however it exits. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * Starts the built server with `env` over a demo configuration and waits for /health, at most
 * `healthyWithinMs` (a server on a large database takes longer to start).
 * @param {Record<string, string>} [env]
 * @param {{ healthyWithinMs?: number }} [options]
 * @returns {Promise<{ origin: string, log(): string, close(): Promise<void> }>}
 */
export async function startBuiltServer(env = {}, { healthyWithinMs = 90_000 } = {}) {
  const port = 30_000 + (process.pid % 10_000) + Math.floor(Math.random() * 1000);
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'callbell-built-'));
  let log = '';
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: origin,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      CALLBELL_DEMO: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + healthyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) break;
    } catch {}
    if (Date.now() > until) {
      await close();
      throw new Error(`server did not become healthy:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, log: () => log, close };
}
