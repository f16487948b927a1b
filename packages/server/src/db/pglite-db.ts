import { messages, type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { Db } from './client.ts';

type BackendMessage = messages.BackendMessage;
type Results = ReturnType<typeof parse.parseResults>[number];

/** Parsed and planned statements kept per database, the least recently used closed first. */
const MAX_STATEMENTS = 300;

/**
 * Statements worth keeping prepared: the application's reads and writes. Anything else (DDL,
 * `set`, `lock`) is parsed afresh each time, so a schema change never meets a stale statement.
 */
const KEPT = /^\s*(select|insert|update|delete|with)\b/i;

/** Commands that may drop prepared statements behind the session's back. */
const DROPS_STATEMENTS = /\b(deallocate|discard)\b/i;

/** What Postgres says when a kept statement no longer fits the schema, or is gone. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

interface Statement {
  /** '' for the unnamed statement, which the next one replaces. */
  name: string;
  paramTypes: number[];
  /** The statement's columns from its description, given to the parser with each result. */
  row: BackendMessage | null;
}

/** A Date outside the years 1 to 9999, whose ISO form (`+010000-…`, `0000-…`) Postgres refuses. */
const isFarDate = (p: unknown): p is Date => {
  const year = p instanceof Date ? p.getUTCFullYear() : 1;
  return year < 1 || year > 9999;
};

/**
 * A far Date as node-postgres writes it, which Postgres reads: the year without padding or sign,
 * years before 1 as BC (JavaScript's year 0 is 1 BC). PGlite writes every Date as its ISO form.
 */
function farDateParam(at: Date): string {
  const year = at.getUTCFullYear();
  const rest = at
    .toISOString()
    .replace(/^[+-]?\d+/, '')
    .replace('Z', '+00:00');
  return year < 1 ? `${String(1 - year).padStart(4, '0')}${rest} BC` : `${year}${rest}`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * One PGlite session spoken to in the wire protocol directly. PGlite's own `query` parses,
 * describes, binds and runs each statement in six calls into WebAssembly, and plans it again
 * every time; here a statement is prepared once under a name and then runs in one call.
 * Each call is synchronous, so no other query can come between its messages; a transaction
 * holds the session (`exclusive`) until it ends, as PGlite's own transaction does.
 */
class PgliteSession {
  private readonly statements = new Map<string, Statement>();
  private readonly parser = new protocol.Parser();
  private counter = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly lite: PGlite) {}

  /** Runs `fn` once everything queued before it has finished; nothing queued after runs meanwhile. */
  exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.catch(() => {});
    return run;
  }

  /** Sends messages and reads every reply; throws the first error after the session is ready again. */
  private send(parts: Uint8Array[]): BackendMessage[] {
    if (this.lite.closed) throw new Error('PGlite is closed');
    const replies: BackendMessage[] = [];
    this.parser.parse(this.lite.execProtocolRawSync(concat(parts)), (message) => replies.push(message));
    const error = replies.find((message) => message.name === 'error');
    if (error) throw error;
    return replies;
  }

  private prepare(sql: string): Statement {
    const kept = this.statements.get(sql);
    if (kept) {
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const keep = KEPT.test(sql);
    const name = keep ? `s${++this.counter}` : '';
    const replies = this.send([
      protocol.serialize.parse({ name, text: sql }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ]);
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(replies),
      row: replies.find((message) => message.name === 'rowDescription') ?? null,
    };
    if (keep) {
      this.statements.set(sql, statement);
      if (this.statements.size > MAX_STATEMENTS) this.forget(this.statements.keys().next().value as string);
    }
    return statement;
  }

  private run(sql: string, params: unknown[]): Results {
    const statement = this.prepare(sql);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const sent = isFarDate(param) ? farDateParam(param) : param;
      const serialize = this.lite.serializers[statement.paramTypes[i] ?? 0];
      return serialize ? serialize(sent) : String(sent);
    });
    const replies = this.send([
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ]);
    const results = parse.parseResults(statement.row ? [statement.row, ...replies] : replies, this.lite.parsers);
    return results[0] as Results;
  }

  /**
   * Runs one statement. A kept statement that a schema change made stale (its columns changed,
   * or someone deallocated it) is prepared again, and run again where no transaction is open.
   */
  query(sql: string, params: unknown[], canRetry: boolean): Results {
    try {
      return this.run(sql, params);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (!(code && STALE_STATEMENT.has(code) && this.statements.has(sql))) throw withQuery(err, sql, params);
      this.forget(sql);
      if (!canRetry) throw withQuery(err, sql, params);
      try {
        return this.run(sql, params);
      } catch (again) {
        throw withQuery(again, sql, params);
      }
    }
  }

  /** Drops a kept statement, and closes it in the session if it is still there. */
  private forget(sql: string): void {
    const stale = this.statements.get(sql);
    this.statements.delete(sql);
    if (stale) {
      try {
        this.send([protocol.serialize.close({ type: 'S', name: stale.name }), protocol.serialize.sync()]);
      } catch {
        // Already gone: nothing to close.
      }
    }
  }

  /** Runs `fn` outside any transaction, then syncs the files, as PGlite does after each statement. */
  async outside<T>(fn: () => T): Promise<T> {
    const result = fn();
    await this.lite.syncToFs();
    return result;
  }

  /**
   * Runs several statements without parameters; returns the last command's tag. After a
   * `deallocate` or `discard`, every kept statement is prepared again when next used.
   */
  exec(sql: string): string | undefined {
    if (DROPS_STATEMENTS.test(sql)) this.statements.clear();
    try {
      const replies = this.send([protocol.serialize.query(sql)]);
      const tags = replies.filter((m): m is messages.CommandCompleteMessage => m.name === 'commandComplete');
      return tags.at(-1)?.text;
    } catch (err) {
      throw withQuery(err, sql, undefined);
    }
  }
}

/** The statement and its parameters on the error, as PGlite's own query adds them. */
function withQuery(err: unknown, query: string, params: unknown[] | undefined): unknown {
  if (err instanceof messages.DatabaseError) Object.assign(err, { query, params });
  return err;
}

/** COMMIT answers ROLLBACK when a statement inside failed and the caller went on regardless. */
function abortedError(): Error {
  return Object.assign(new Error('Transaction was rolled back instead of committed'), { code: '25P02' });
}

function sessionDb(session: PgliteSession, tx: boolean, inside: (fn: () => Promise<unknown>) => Promise<unknown>): Db {
  const { lite } = session;
  const db: Db = {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = tx
        ? session.query(sql, params, false)
        : await session.exclusive(() => session.outside(() => session.query(sql, params, true)));
      return { rows: result.rows as T[], rowCount: result.affectedRows || result.rows.length };
    },
    async exec(sql) {
      if (tx) session.exec(sql);
      else await session.exclusive(() => session.outside(() => session.exec(sql)));
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (tx) return fn(db);
      return session.exclusive(async () => {
        session.exec('begin');
        let ended = false;
        try {
          const result = (await inside(() => fn(sessionDb(session, true, inside)))) as T;
          ended = true;
          if (session.exec('commit') === 'ROLLBACK') throw abortedError();
          return result;
        } catch (err) {
          if (!ended && !lite.closed) session.exec('rollback');
          throw err;
        } finally {
          await lite.syncToFs();
        }
      });
    },
    close: () => session.exclusive(() => lite.close()),
    // `mod` (the Emscripten module) is protected in PGlite's types; its heap is the WebAssembly
    // memory, which only grows.
    wasmHeapBytes: () =>
      (lite as unknown as { mod?: { wasmMemory?: WebAssembly.Memory } }).mod?.wasmMemory?.buffer.byteLength ?? null,
  };
  return db;
}

/**
 * The Db of one PGlite database. `inside` marks the callback of a transaction (client.ts's
 * `inTransaction`).
 */
export function pgliteDb(lite: PGlite, inside: (fn: () => Promise<unknown>) => Promise<unknown>): Db {
  return sessionDb(new PgliteSession(lite), false, inside);
}
