// How long the whole test suite takes, and where the time goes: runs `vitest run` as the README's
// test command does (after `pnpm build`), with the JSON reporter, and prints `name=value` lines:
// the wall time against the 150 s goal, the tests, each project's summed file time, the slowest
// files and the machine's load average before and after (a shared 2-core machine: compare runs
// with similar load, or the CPU time). `--project=<name>` (repeatable) runs only those projects.
//
//   pnpm build && node bench/test-suite.mjs
import { spawn } from 'node:child_process';
import { openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cpuSeconds } from './processes.mjs';

const GOAL_S = 150;
const root = new URL('..', import.meta.url).pathname;
const projects = process.argv.filter((a) => a.startsWith('--project=')).map((a) => a.slice('--project='.length));
const out = join(tmpdir(), `callbell-test-suite-${process.pid}.json`);
// Vitest's own output, kept for what the JSON report leaves out (errors outside any test).
const log = join(tmpdir(), `callbell-test-suite-${process.pid}.log`);

/** @param {string} name @param {string | number} value */
const print = (name, value) => console.log(`${name}=${value}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join('/');

print('cores', cpus().length);
print('load_before', load());
const started = performance.now();
const code = await new Promise((resolve) => {
  const child = spawn(
    'npx',
    ['vitest', 'run', '--reporter=json', `--outputFile=${out}`, ...projects.map((p) => `--project=${p}`)],
    { cwd: root, stdio: ['ignore', openSync(log, 'w'), 'inherit'] },
  );
  child.on('exit', (c) => resolve(c ?? 1));
});
const wall = (performance.now() - started) / 1000;
print('load_after', load());

/**
 * @type {{ numTotalTests: number; numPassedTests: number; numFailedTests: number; numPendingTests: number;
 *   numTodoTests: number; testResults: { name: string; startTime: number; endTime: number;
 *   assertionResults: { status: string; fullName: string }[] }[] }}
 */
const report = JSON.parse(readFileSync(out, 'utf8'));
rmSync(out, { force: true });
print('exit_code', code);
print('tests', report.numTotalTests);
print('passed', report.numPassedTests);
print('failed', report.numFailedTests);
print('skipped', report.numPendingTests + report.numTodoTests);
print('wall_s', wall.toFixed(1));
print('wall_vs_goal_ratio', (wall / GOAL_S).toFixed(3));
// CPU of every process the run started and waited for (vitest, its workers, Chromium), less
// sensitive than the wall time to what else the machine runs; the database servers' is not in it.
print('cpu_s', (cpuSeconds(process.pid, true) - cpuSeconds(process.pid)).toFixed(1));

// A file's time, summed per project (the first path part after packages/ and test kind).
const files = report.testResults.map((f) => ({
  file: relative(root, f.name),
  seconds: (f.endTime - f.startTime) / 1000,
}));
/** @param {string} file */
const projectOf = (file) => {
  if (/\.spec\.ts$|built-[^/]*\.test\.ts$/.test(file)) return 'built';
  return file.split('/')[1] ?? 'other';
};
/** @type {Map<string, number>} */
const perProject = new Map();
for (const f of files) perProject.set(projectOf(f.file), (perProject.get(projectOf(f.file)) ?? 0) + f.seconds);
for (const [name, seconds] of [...perProject].sort((a, b) => b[1] - a[1])) {
  print(`file_time_s_${name}`, seconds.toFixed(1));
}
print('file_time_s_total', files.reduce((sum, f) => sum + f.seconds, 0).toFixed(1));
for (const f of files.sort((a, b) => b.seconds - a.seconds).slice(0, 10)) {
  print(`slowest_file_s ${f.file}`, f.seconds.toFixed(1));
}
for (const f of report.testResults) {
  for (const t of f.assertionResults) {
    if (t.status === 'failed') print(`failed_test ${relative(root, f.name)}`, JSON.stringify(t.fullName));
  }
}
if (code !== 0) print('vitest_output', log);
else rmSync(log, { force: true });
process.exitCode = code;
