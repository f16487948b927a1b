import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * Builds the server to dist/server.js for Node: the workspace's TypeScript (this package and
 * @callbell/protocol) is bundled, registry dependencies stay external.
 */
export default defineConfig({
  build: {
    ssr: 'src/server.ts',
    outDir: 'dist',
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: {
      external: [
        ...Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@callbell/')),
        ...builtinModules.flatMap((m) => [m, `node:${m}`]),
      ],
    },
  },
  ssr: { noExternal: ['@callbell/protocol'] },
});
