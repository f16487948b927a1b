import fp from 'fastify-plugin';
import { markWidgetSeen, type PingRow, pruneRawPings, qualifyWidgets, writePingBatch } from '../db/queries/pings.ts';
import { widgetExists } from '../db/queries/widgets.ts';
import { type GroupCommit, groupCommit } from '../domain/group-commit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pings: {
      /** Resolves once the ping is committed; rejects if its batch could not be written. */
      writer: GroupCommit<PingRow>;
      /** Whether a widget exists, cached briefly: every ping asks. */
      knownWidget(widgetId: string): Promise<boolean>;
    };
  }
}

const KNOWN_TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 10_000;
const CACHE_MAX = 50_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const SEEN_EVERY_MS = 60_000;

/**
 * Runs a statement again once if Postgres aborted it for a deadlock or a serialization
 * failure: the statement was rolled back whole, so running it again is safe.
 */
async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '40P01' && code !== '40001') throw err;
    return run();
  }
}

/**
 * Ping ingestion: group-committed writes, a short-lived cache of which widgets exist, and an
 * hourly prune of raw pings past retention. Closing the app flushes pending pings first.
 */
export default fp(
  async (app) => {
    const { db, config } = app;
    // Widgets known to have qualified: their pings need no qualification check at all.
    const qualified = new Set<string>();
    const qualify = async (rows: PingRow[]) => {
      const candidates = [
        ...new Set(rows.filter((r) => r.publicOrigin && !qualified.has(r.widgetId)).map((r) => r.widgetId)),
      ];
      if (!candidates.length) return;
      for (const q of await qualifyWidgets(db, candidates, config.programme.qualifyMinVisitors)) {
        app.log.info(q, 'widget qualified as installed');
      }
      const { rows: done } = await db.query<{ id: string }>(
        'select id from widgets where id = any($1::text[]) and qualified_at is not null',
        [candidates],
      );
      if (qualified.size >= CACHE_MAX) qualified.clear();
      for (const { id } of done) qualified.add(id);
    };
    // Liveness and tamper reports touch the widget's row: at most once a minute per widget,
    // at once for a tamper report, and never inside a batch, so batches never wait on it.
    const seenAt = new Map<string, number>();
    const markSeen = async (rows: PingRow[]) => {
      const now = Date.now();
      const tampered = new Set(rows.filter((r) => r.brandingTampered).map((r) => r.widgetId));
      for (const widgetId of new Set(rows.map((r) => r.widgetId))) {
        if (!tampered.has(widgetId) && now - (seenAt.get(widgetId) ?? 0) < SEEN_EVERY_MS) continue;
        if (seenAt.size >= CACHE_MAX) seenAt.clear();
        seenAt.set(widgetId, now);
        await markWidgetSeen(db, widgetId, tampered.has(widgetId));
      }
    };

    const writer = groupCommit<PingRow>(
      async (rows) => {
        await retryOnConflict(() => writePingBatch(db, rows));
        // The pings are committed; what follows is derived from them and checked again next time.
        try {
          await markSeen(rows);
          await qualify(rows);
        } catch (err) {
          app.log.error({ err }, 'after-batch bookkeeping failed');
        }
      },
      { maxBatch: config.pings.maxBatch, concurrency: config.pings.writeConcurrency, gatherMs: config.pings.gatherMs },
    );

    const cache = new Map<string, { known: boolean; until: number }>();
    const knownWidget = async (widgetId: string) => {
      const now = Date.now();
      const hit = cache.get(widgetId);
      if (hit && hit.until > now) return hit.known;
      const known = await widgetExists(db, widgetId);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(widgetId, { known, until: now + (known ? KNOWN_TTL_MS : UNKNOWN_TTL_MS) });
      return known;
    };

    const prune = setInterval(() => {
      pruneRawPings(db, config.pings.rawRetentionDays).catch((err) =>
        app.log.error({ err }, 'pruning raw pings failed'),
      );
    }, PRUNE_EVERY_MS);
    prune.unref();

    app.decorate('pings', { writer, knownWidget });
    app.addHook('onClose', async () => {
      clearInterval(prune);
      await writer.flush();
      const { writes, items, failures } = writer.stats;
      app.log.info(
        { writes, items, failures, meanBatch: writes ? +(items / writes).toFixed(1) : 0 },
        'ping writer closed',
      );
    });
  },
  { name: 'pings', dependencies: ['db'] },
);
