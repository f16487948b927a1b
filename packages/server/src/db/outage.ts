import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './client.ts';
import { isUnavailable } from './sqlstate.ts';

/** How often an ongoing outage is summed up in the log. */
export const OUTAGE_REPORT_MS = 30_000;

export interface OutageWatch {
  /** The database answered: an outage in progress is over. */
  succeeded(): void;
  /** A call failed; reported when the error says the database is unreachable. */
  failed(err: unknown): void;
  /** Whether the last call found the database unreachable. */
  readonly down: boolean;
  /** Stops the periodic report. */
  stop(): void;
}

/**
 * Watches the database's calls so an outage is logged once, with its cause, then as a count of
 * failed calls every `reportMs` while it lasts, and once more when it ends: a ping flood during
 * an outage writes a few lines, not one stack per request.
 */
export function outageWatch(log: FastifyBaseLogger, reportMs = OUTAGE_REPORT_MS, now = Date.now): OutageWatch {
  let since: number | null = null;
  let total = 0;
  let sinceReport = 0;
  let timer: NodeJS.Timeout | null = null;
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    get down() {
      return since !== null;
    },
    succeeded() {
      if (since === null) return;
      log.info(
        { failedCalls: total, seconds: Math.round((now() - since) / 1000) },
        'database reachable again: outage over',
      );
      since = null;
      stopTimer();
    },
    failed(err) {
      if (!isUnavailable(err)) return;
      if (since === null) {
        since = now();
        total = 1;
        sinceReport = 0;
        const { message, code } = err as { message?: string; code?: string };
        log.error({ cause: message, code }, 'database unreachable: requests answer 503 until it returns');
        timer = setInterval(() => {
          log.warn(
            {
              failedCalls: sinceReport,
              totalFailedCalls: total,
              seconds: Math.round((now() - (since ?? now())) / 1000),
            },
            'database still unreachable',
          );
          sinceReport = 0;
        }, reportMs);
        timer.unref();
        return;
      }
      total++;
      sinceReport++;
    },
    stop: stopTimer,
  };
}

/** `db` with every call reported to `watch`; transactions report once, for the whole. */
export function watchedDb(db: Db, watch: OutageWatch): Db {
  const track = async <T>(call: Promise<T>): Promise<T> => {
    try {
      const result = await call;
      watch.succeeded();
      return result;
    } catch (err) {
      watch.failed(err);
      throw err;
    }
  };
  return {
    kind: db.kind,
    query<T>(sql: string, params?: unknown[], name?: string) {
      return track(db.query<T>(sql, params, name));
    },
    exec: (sql) => track(db.exec(sql)),
    transaction<T>(fn: (tx: Db) => Promise<T>) {
      return track(db.transaction(fn));
    },
    close: () => db.close(),
  };
}

/**
 * Logs a background task's failure as an error, unless the database is unreachable: the outage
 * watch has said so already, and says when it ends.
 */
export function logFailure(log: FastifyBaseLogger, err: unknown, message: string, extra: object = {}): void {
  if (isUnavailable(err)) log.debug({ ...extra, cause: (err as Error).message }, message);
  else log.error({ ...extra, err }, message);
}
