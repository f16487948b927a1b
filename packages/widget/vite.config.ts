import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minifySync } from 'rolldown/utils';
import { build, defineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const here = (path: string) => new URL(path, import.meta.url).pathname;

/** Compile-time constants; the panel's file name is the chunk's real one in a build (panelChunk). */
export const widgetDefines = {
  __SDK_VERSION__: JSON.stringify(pkg.version),
  __PANEL_FILE__: JSON.stringify('widget-panel.js'),
};

const shared = {
  oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
  // CSS for the browsers that run es2020 and know system-ui (Firefox from 92), so the minifier
  // does not spell out a system font stack in the loader's 3 KB.
  build: { target: 'es2020', cssTarget: ['chrome87', 'edge88', 'firefox92', 'safari14'], reportCompressedSize: false },
} satisfies UserConfig;

/**
 * Builds the panel (Preact and everything drawn after the launcher) first, as a second IIFE
 * named by its content, `widget-panel-<hash>.js`, so it can be cached for good; the loader
 * (this config's entry) is then built knowing that name, and the chunk is written beside it.
 */
function panelChunk(): Plugin {
  let file = '';
  let code = '';
  return {
    name: 'callbell:panel-chunk',
    apply: 'build',
    async config() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        define: widgetDefines,
        ...shared,
        build: {
          ...shared.build,
          write: false,
          lib: {
            entry: here('src/panel/index.ts'),
            formats: ['iife'],
            name: 'CallbellPanel',
            fileName: () => 'panel.js',
          },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunk = outputs[0]?.output.find((item) => item.type === 'chunk');
      if (!chunk) throw new Error('the panel build produced no chunk');
      code = chunk.code;
      file = `widget-panel-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`;
      return { define: { __PANEL_FILE__: JSON.stringify(file) } };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: file, source: code });
    },
  };
}

/**
 * After each build: print the files' sizes (the budgets are checked by `pnpm size`), and emit
 * the paste-in snippet: the queue stub from src/snippet.js, minified, and the script tag.
 */
function sizeAndSnippet(): Plugin {
  return {
    name: 'callbell:size-and-snippet',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle).filter((n) => n.endsWith('.js'))) {
        const code = readFileSync(here(`dist/${name}`));
        console.log(`${name}: ${code.length} B, ${gzipSync(code, { level: 9 }).length} B gzip`);
      }
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

export default defineConfig({
  define: widgetDefines,
  ...shared,
  plugins: [panelChunk(), sizeAndSnippet()],
  build: {
    ...shared.build,
    emptyOutDir: true,
    lib: {
      entry: here('src/index.ts'),
      formats: ['iife'],
      name: 'CallbellWidget',
      fileName: () => 'widget.js',
    },
  },
});
