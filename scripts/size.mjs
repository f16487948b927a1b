// The widget's size budget: dist/widget.js, everything included, at most 12 KB gzip.
// Prints the figures and exits 1 when over budget. Run after `pnpm build`.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 12 * 1024;
const file = new URL('../packages/widget/dist/widget.js', import.meta.url);
const code = readFileSync(file);
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code).length;
console.log(`widget.js raw=${code.length} gzip=${gzip} brotli=${brotli} budget_gzip=${BUDGET_GZIP}`);
console.log(`widget_gzip_vs_budget_ratio=${(gzip / BUDGET_GZIP).toFixed(3)}`);
if (gzip > BUDGET_GZIP) {
  console.error(`widget.js is ${gzip - BUDGET_GZIP} B over its ${BUDGET_GZIP} B gzip budget`);
  process.exit(1);
}
