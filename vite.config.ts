import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { widgetDefines } from './packages/widget/vite.config.ts';

/**
 * Vitest takes the projects in name order, so the widget's few jsdom files ran last, after the
 * server's, on one worker while the other stood idle. The server's project, most of the suite
 * and made of many short files that end together on both workers, goes last instead.
 * `--sequence.shuffle` still shuffles the files (by its seed), as Vitest's own order does: a
 * configured sequencer replaces the one that would.
 */
class ServerLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return shuffled(files, seed);
    const sorted = await super.sort(files);
    const server = (f: TestSpecification) => f.project.name === 'server';
    return [...sorted.filter((f) => !server(f)), ...sorted.filter(server)];
  }
}

/** `items` in an order drawn from `seed` (Fisher-Yates, with mulberry32 as the generator). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Shared Vitest settings: one project per kind of test, run in parallel but lightly (2 cores). */
export default defineConfig({
  define: widgetDefines,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    maxWorkers: 2,
    sequence: { sequencer: ServerLast },
    projects: [
      {
        extends: true,
        test: { name: 'protocol', environment: 'node', include: ['packages/protocol/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/test/**/*.test.ts'],
          exclude: ['**/built-*.test.ts'],
          setupFiles: ['packages/server/test/setup.ts'],
          globalSetup: ['packages/server/test/global-setup.ts'],
          // A worker keeps the modules it loaded for its next file: importing the app again for
          // each of 100 files was a third of the project's time. Every file still gets its own
          // databases and apps (test/databases.ts, test/fixtures.ts).
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'widget',
          environment: 'jsdom',
          include: ['packages/widget/src/**/*.test.{ts,tsx}'],
          setupFiles: ['packages/widget/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dashboard',
          environment: 'jsdom',
          // A page test types and waits like a person; the default 5 s is short on a loaded machine.
          testTimeout: 15_000,
          environmentOptions: { jsdom: { url: 'http://localhost:3000/app/' } },
          include: ['packages/dashboard/src/**/*.test.{ts,tsx}'],
          setupFiles: ['packages/dashboard/test/setup.ts'],
          // One jsdom per worker, not per file; the setup file resets the modules between files.
          isolate: false,
        },
      },
      {
        extends: true,
        // The built bundle, as a page loads it: in jsdom (built-*.test.ts) and in Chromium (*.spec.ts).
        // Its files run beside the others (each starts its own server on a free port): Vitest
        // takes projects in name order, so the browser journey, the longest file, starts first
        // and the other projects' files fill the second worker. Kept apart in a group of their
        // own (fileParallelism: false), they ran one at a time after everything else.
        test: {
          name: 'built',
          environment: 'node',
          include: ['packages/*/test/**/*.spec.ts', 'packages/*/test/**/built-*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
