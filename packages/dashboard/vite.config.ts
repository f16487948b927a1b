import { defineConfig } from 'vite';

const here = (path: string) => new URL(path, import.meta.url).pathname;

/**
 * The dashboard: a single-page app served by the server under /app/ (index.html for every
 * route), plus preview.html, the frame in which the widget page runs the real widget bundle.
 * Pages are split into their own chunks (preact-iso `lazy`), so the first route loads only
 * what it draws.
 */
export default defineConfig({
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    emptyOutDir: true,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
    // Read by scripts/size.mjs to sum each route's JavaScript; never served.
    manifest: true,
    rollupOptions: {
      input: { index: here('index.html'), preview: here('preview.html') },
    },
  },
});
