import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / MB);
/** glibc's malloc gives each thread arena heaps of at most 64 MB, aligned to 64 MB. */
const ARENA_BYTES = 64 * MB;

/** The process's memory now, in MB: what the `started` line reports. */
export function memoryMb(wasmHeapBytes: number | null = null) {
  const m = process.memoryUsage();
  return {
    rss: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
    ...(wasmHeapBytes === null ? {} : { wasmHeap: mb(wasmHeapBytes) }),
  };
}

interface Mapping {
  start: bigint;
  bytes: number;
  rssKb: number;
  path: string;
}

/** /proc/self/smaps as mappings with their resident size; empty where there is no /proc. */
function mappings(): Mapping[] {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return [];
  }
  const out: Mapping[] = [];
  let current: Mapping | null = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const start = BigInt(`0x${head[1]}`);
      current = { start, bytes: Number(BigInt(`0x${head[2]}`) - start), rssKb: 0, path: head[3] ?? '' };
      out.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rssKb = Number(rss[1]);
  }
  return out;
}

/**
 * Where the resident memory is, in MB: V8's spaces (committed), and the process's mappings by
 * kind. Anonymous mappings are told apart by shape only: the one the size of PGlite's
 * WebAssembly heap is that heap (resident: the pages it has touched); within a 64 MB-aligned
 * block of at most 64 MB is what glibc's thread arenas look like; the rest is V8's heap pages
 * and large allocations.
 */
export function memoryDetail(wasmHeapBytes: number | null = null) {
  const v8: Record<string, number> = {};
  for (const space of getHeapSpaceStatistics()) {
    v8[space.space_name.replace(/_space$/, '')] = mb(space.physical_space_size);
  }
  const rss = { file: 0, brkHeap: 0, wasmHeap: 0, arenas: 0, otherAnon: 0 };
  const anon: Mapping[] = [];
  for (const m of mappings()) {
    if (!m.rssKb) continue;
    const kb = m.rssKb;
    if (m.path === '[heap]') rss.brkHeap += kb;
    else if (m.path.startsWith('/') || m.path.startsWith('[')) rss.file += kb;
    else if (m.bytes === wasmHeapBytes && !m.path) rss.wasmHeap += kb;
    else if (m.bytes <= ARENA_BYTES && m.start % BigInt(ARENA_BYTES) === 0n) rss.arenas += kb;
    else rss.otherAnon += kb;
    if (!m.path) anon.push(m);
  }
  const largest = anon
    .sort((a, b) => b.rssKb - a.rssKb)
    .slice(0, 6)
    .map((m) => `${mb(m.bytes)}/${Math.round(m.rssKb / 1024)}`);
  return {
    v8,
    rssByKind: Object.fromEntries(Object.entries(rss).map(([k, kb]) => [k, Math.round(kb / 1024)])),
    /** The largest anonymous mappings, `size/resident` MB. */
    largestAnon: largest.join(' '),
  };
}
