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
          name: 'widget',
          environment: 'jsdom',
          include: ['packages/widget/**/*.test.{ts,tsx}'],
          setupFiles: ['packages/widget/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['**/*.spec.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
