import { defineConfig } from 'vitest/config';
import { widgetDefines } from './packages/widget/vite.config.ts';

/** Shared Vitest settings: one project per kind of test, run in parallel but lightly (2 cores). */
export default defineConfig({
  define: widgetDefines,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    maxWorkers: 2,
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
          // Vitest takes the projects in name order, so the widget's few jsdom files ran last,
          // after this project's, on one worker while the other stood idle. This project, most
          // of the suite and made of many short files that end together on both workers, runs
          // last instead, once the others are done.
          sequence: { groupOrder: 1 },
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
