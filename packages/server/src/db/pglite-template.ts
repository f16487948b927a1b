import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PACKAGE_ROOT } from '../paths.ts';
import { type Db, openDb, PGLITE_OPTIONS } from './client.ts';
import type { Migration } from './migrate.ts';

/**
 * A PGlite data directory with every migration applied, made by the build
 * (scripts/pglite-template.ts) and written out by a first start instead of running initdb and
 * the migrations. Its name carries a hash of what made it, so a template of other migrations or
 * another PGlite is never used: the start falls back to initdb.
 */

/** Where the build puts the template for `key`. */
export const templateFile = (key: string, dir = join(PACKAGE_ROOT, 'dist')): string =>
  join(dir, `pglite-template-${key}.tar`);

function pgliteVersion(): string {
  // Its package.json is not among its exports: found beside the entry point it resolves to.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What a template must match: PGlite's version, initdb's parameters and every migration's text. */
export function templateKey(migrations: Migration[], version = pgliteVersion()): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([version, PGLITE_OPTIONS.initDbStartParams]));
  for (const m of migrations) hash.update(`\0${m.name}\0${m.sql}`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Makes a PGlite data directory as the server makes one (openDb), lets `prepare` fill it (the
 * migrations, for the template), and dumps it to `file` with PGlite's own dumpDataDir. Written
 * whole, then renamed: a run that stops midway leaves no half file to load.
 */
export async function dumpPglite(file: string, prepare: (db: Db) => Promise<unknown>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'callbell-pglite-dump-'));
  try {
    const db = await openDb({ databaseUrl: null, dataDir: dir });
    await prepare(db);
    await db.close();
    const lite = await PGlite.create(dir);
    const dump = await lite.dumpDataDir('none');
    await lite.close();
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- a fresh identity for each data directory made from the template --------------------

/** pg_control's layout version in Postgres 18, whose field offsets are below. */
const PG_CONTROL_VERSION = 1800;
const NONCE_BYTES = 32;
/** In Postgres 18 the nonce ends 3 bytes before the checksum (alignment), after one bool. */
const NONCE_END_BEFORE_CRC = 3;
const XLP_LONG_HEADER = 0x0002;
/** xlp_sysid in a WAL segment's long page header: after the 24-byte standard header. */
const WAL_SYSID_OFFSET = 24;

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC32C_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface TarEntry {
  name: string;
  directory: boolean;
  data: Buffer;
}

/** The directories and files of an uncompressed tar, as views into `tar` (writing one writes the tar). */
function* tarEntries(tar: Buffer): Generator<TarEntry> {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return;
    const field = (from: number, to: number) => header.subarray(from, to).toString('latin1').replace(/\0.*$/s, '');
    const prefix = field(345, 500);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 136).trim() || '0', 8);
    const type = field(156, 157);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (type === '0' || type === '' || type === '5') yield { name, directory: type === '5', data };
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

const tarFiles = (tar: Buffer) => [...tarEntries(tar)].filter((e) => !e.directory);

/**
 * Gives the data directory in `tar` an identity of its own, as initdb would: a new system
 * identifier (pg_control and each WAL segment's first page, which Postgres checks against each
 * other) and a new mock-authentication nonce, pg_control's checksum made again. False, the tar
 * unchanged, for a pg_control of another layout than the one known here.
 */
export function freshIdentity(tar: Buffer, now = Date.now()): boolean {
  const files = tarFiles(tar);
  const control = files.find((f) => f.name.endsWith('global/pg_control'))?.data;
  if (!control || control.length < 512 || control.readUInt32LE(8) !== PG_CONTROL_VERSION) return false;
  let crcAt = -1;
  for (let k = 16; k + 4 <= 512; k += 4) {
    if (crc32c(control.subarray(0, k)) === control.readUInt32LE(k)) {
      crcAt = k;
      break;
    }
  }
  if (crcAt < 0) return false;
  const wal = files.filter((f) => /pg_wal\/[0-9A-F]{24}$/.test(f.name) && f.data.length >= 512);
  const sysid = control.readBigUInt64LE(0);
  if (
    !wal.every(
      (f) => (f.data.readUInt16LE(2) & XLP_LONG_HEADER) === 0 || f.data.readBigUInt64LE(WAL_SYSID_OFFSET) === sysid,
    )
  )
    return false;
  // As initdb: the seconds in the high half; random bits below instead of microseconds and pid.
  const fresh = (BigInt(Math.floor(now / 1000)) << 32n) | BigInt(randomBytes(4).readUInt32LE(0));
  control.writeBigUInt64LE(fresh, 0);
  const nonceEnd = crcAt - NONCE_END_BEFORE_CRC;
  randomBytes(NONCE_BYTES).copy(control, nonceEnd - NONCE_BYTES);
  control.writeUInt32LE(crc32c(control.subarray(0, crcAt)), crcAt);
  for (const f of wal) {
    if (f.data.readUInt16LE(2) & XLP_LONG_HEADER) f.data.writeBigUInt64LE(fresh, WAL_SYSID_OFFSET);
  }
  return true;
}

/**
 * Writes the build's template into `dataDir` for a first start, with an identity of its own,
 * and says whether it did: not for memory://, a directory that holds anything, or when there
 * is no template of these migrations (initdb runs then). Written beside it and renamed into
 * place, so a start that stops midway leaves no half database behind.
 */
export function restorePgliteTemplate(dataDir: string, migrations: Migration[], dir?: string): boolean {
  if (dataDir.startsWith('memory://')) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length) return false;
  const file = templateFile(templateKey(migrations), dir);
  if (!existsSync(file)) return false;
  const tar = readFileSync(file);
  if (!freshIdentity(tar)) return false;
  const partial = `${dataDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const made = new Set<string>();
  const directory = (path: string) => {
    if (made.has(path)) return;
    // Owner only, as Postgres makes its files.
    mkdirSync(path, { recursive: true, mode: 0o700 });
    made.add(path);
  };
  directory(partial);
  for (const entry of tarEntries(tar)) {
    if (entry.name.split('/').includes('..')) throw new Error(`PGlite template: a path outside it, ${entry.name}`);
    const path = join(partial, entry.name);
    if (entry.directory) directory(path);
    else {
      directory(dirname(path));
      writeFileSync(path, entry.data, { mode: 0o600 });
    }
  }
  if (existsSync(dataDir)) rmdirSync(dataDir);
  renameSync(partial, dataDir);
  return true;
}
