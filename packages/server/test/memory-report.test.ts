// The memory diagnostics the server logs with MEMORY_LOG_SECONDS (bench/embedded-start.mjs).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryDetail, memoryMb } from '../src/memory-report.ts';

describe('the memory report', () => {
  it('gives the process figures in MB, PGlite’s heap when there is one', () => {
    const m = memoryMb(128 * 1024 * 1024);
    expect(m.wasmHeap).toBe(128);
    expect(m.rss).toBeGreaterThan(m.heapUsed);
    expect(memoryMb()).not.toHaveProperty('wasmHeap');
  });

  it.skipIf(!existsSync('/proc/self/smaps'))('splits the resident memory by kind of mapping, adding up to RSS', () => {
    const detail = memoryDetail();
    const kinds = Object.values(detail.rssByKind).reduce((a, b) => a + b, 0);
    const rss = memoryMb().rss;
    // Read a moment apart, and each rounded: a few MB either way.
    expect(Math.abs(kinds - rss)).toBeLessThan(16);
    expect(detail.v8.old).toBeGreaterThan(0);
    expect(detail.largestAnon).toMatch(/^\d+\/\d+( \d+\/\d+)*$/);
  });
});
