// Prints how many bytes of dist/widget.js each source file contributed (needs a --sourcemap build).
import { readFileSync } from 'node:fs';

const dir = process.argv[2] ?? 'packages/widget/dist';
const map = JSON.parse(readFileSync(`${dir}/widget.js.map`, 'utf8'));
const lines = readFileSync(`${dir}/widget.js`, 'utf8').split('\n');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** @param {string} s */
const decode = (s) => {
  const out = [];
  let v = 0;
  let shift = 0;
  for (const ch of s) {
    const d = B64.indexOf(ch);
    v += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(v & 1 ? -(v >> 1) : v >> 1);
      v = 0;
      shift = 0;
    }
  }
  return out;
};
/** @type {Record<string, number>} */
const bytes = {};
let src = 0;
map.mappings.split(';').forEach((/** @type {string} */ line, /** @type {number} */ i) => {
  const segs = line.split(',').filter(Boolean).map(decode);
  let col = 0;
  segs.forEach((/** @type {number[]} */ seg, /** @type {number} */ j) => {
    col += seg[0] ?? 0;
    if (seg.length > 1) src += seg[1] ?? 0;
    const end = j + 1 < segs.length ? col + (segs[j + 1]?.[0] ?? 0) : (lines[i]?.length ?? 0);
    const name = String(map.sources[src]).replace(/.*node_modules\//, '');
    bytes[name] = (bytes[name] ?? 0) + end - col;
  });
});
for (const [name, n] of Object.entries(bytes).sort((a, b) => b[1] - a[1])) console.log(String(n).padStart(6), name);
