import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minifySync } from 'rolldown/utils';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };

const here = (path: string) => new URL(path, import.meta.url).pathname;

/**
 * After each build: print the bundle's size (the budget is checked by `pnpm size`), and emit
 * the paste-in snippet: the queue stub from src/snippet.js, minified, and the script tag.
 */
function sizeAndSnippet(): Plugin {
  return {
    name: 'callbell:size-and-snippet',
    apply: 'build',
    writeBundle() {
      const code = readFileSync(here('dist/widget.js'));
      console.log(`widget.js: ${code.length} B, ${gzipSync(code, { level: 9 }).length} B gzip`);
      const stub = minifySync('snippet.js', readFileSync(here('src/snippet.js'), 'utf8'), {
        compress: true,
        mangle: true,
      }).code.trim();
      const tag = '<script src="{{ORIGIN}}/widget.js" data-widget-id="{{WIDGET_ID}}" async></script>';
      writeFileSync(here('dist/snippet.min.js'), `${stub}\n`);
      writeFileSync(here('dist/snippet.html'), `<script>${stub}</script>\n${tag}\n`);
    },
  };
}

export const widgetDefines = { __SDK_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  define: widgetDefines,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [sizeAndSnippet()],
  build: {
    target: 'es2020',
    emptyOutDir: true,
    reportCompressedSize: false,
    lib: {
      entry: here('src/index.ts'),
      formats: ['iife'],
      name: 'CallbellWidget',
      fileName: () => 'widget.js',
    },
  },
});
