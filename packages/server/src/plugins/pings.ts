import fp from 'fastify-plugin';
import { findWidgetAccess } from '../db/queries/owner-widgets.ts';
import { markWidgetSeen, type PingRow, pruneRawPings, qualifyWidgets, writePingBatch } from '../db/queries/pings.ts';
import { retryOnConflict } from '../db/retry.ts';
import { isDataError } from '../db/sqlstate.ts';
import { type GroupCommit, groupCommit, PartlyRefused } from '../domain/group-commit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pings: {
      /** Resolves once the ping is committed; rejects if its batch could not be written. */
      writer: GroupCommit<PingRow>;
      /**
       * A widget's allowed domains (empty: any), or null if it does not exist; cached briefly,
       * since every ping asks. An owner's edit reaches this instance at once (`forget`), the others within
       * a minute (the cache's lifetime).
       */
      widgetAccess(widgetId: string): Promise<WidgetAccess | null>;
      /** Drops a widget from this instance's cache: its owner has just changed it. */
      forget(widgetId: string): void;
    };
  }
}

interface WidgetAccess {
  allowedDomains: string[];
}

/** How long another instance may keep refusing or accepting pings after an owner's edit. */
const KNOWN_TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 10_000;
const CACHE_MAX = 50_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const SEEN_EVERY_MS = 60_000;

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
      const touched = new Map<string, { widgetId: string; origin: string }>();
      for (const r of rows) {
        if (r.publicOrigin && !qualified.has(r.widgetId)) touched.set(`${r.widgetId} ${r.origin}`, r);
      }
      if (!touched.size) return;
      const candidates = [...new Set([...touched.values()].map((t) => t.widgetId))];
      for (const q of await qualifyWidgets(
        db,
        [...touched.values()],
        { minVisitors: config.programme.qualifyMinVisitors, minNetworks: config.programme.qualifyMinNetworks },
        app.clock.now(),
      )) {
        app.log.info(q, 'widget qualified as installed');
        await app.ledger.widgetQualified(q.accountId);
      }
      const { rows: done } = await db.query<{ id: string }>(
        'select id from widgets where id = any($1::text[]) and qualified_at is not null',
        [candidates],
      );
      if (qualified.size >= CACHE_MAX) qualified.clear();
      for (const { id } of done) qualified.add(id);
    };
    // Liveness and tamper reports touch the widget's row: at most once a minute per widget, kind
    // of page (public or not) and kind of report, and never inside a batch, so batches never
    // wait on it.
    const seenAt = new Map<string, number>();
    const markSeen = async (rows: PingRow[]) => {
      const now = app.clock.now();
      // Per widget, which of the four kinds of report the batch holds, one bit each: a batch is
      // mostly one widget's pings, and this pass runs for every ping.
      const seen = new Map<string, number>();
      for (const r of rows) {
        const bit = 1 << ((r.publicOrigin ? 1 : 0) | (r.brandingTampered ? 2 : 0));
        seen.set(r.widgetId, (seen.get(r.widgetId) ?? 0) | bit);
      }
      for (const [widgetId, bits] of seen) {
        for (let kind = 0; kind < 4; kind++) {
          if (!(bits & (1 << kind))) continue;
          const key = `${widgetId}:${kind}`;
          // A widget's first tamper report in a minute is written at once, the rest of that
          // minute's not: anyone can send one, and a flood must not become one row update per batch.
          if (now.getTime() - (seenAt.get(key) ?? 0) < SEEN_EVERY_MS) continue;
          if (seenAt.size >= CACHE_MAX) seenAt.clear();
          seenAt.set(key, now.getTime());
          await markWidgetSeen(db, widgetId, { isPublic: (kind & 1) !== 0, tampered: (kind & 2) !== 0, now });
        }
      }
    };

    const writer = groupCommit<PingRow>(
      async (rows) => {
        const counting = [...new Set(rows.filter((r) => !qualified.has(r.widgetId)).map((r) => r.widgetId))];
        let refused: Map<number, unknown> | null = null;
        try {
          await retryOnConflict(() => writePingBatch(db, rows, counting));
        } catch (err) {
          // A row the database refuses (validation should have stopped it) must not cost the
          // other pings of its batch: write them one by one, and refuse only what fails alone.
          if (rows.length === 1 || !isDataError(err)) throw err;
          app.log.warn({ err }, 'ping batch refused; writing its rows one by one');
          refused = new Map();
          for (const [i, row] of rows.entries()) {
            try {
              await retryOnConflict(() => writePingBatch(db, [row], counting));
            } catch (rowErr) {
              refused.set(i, rowErr);
            }
          }
        }
        // The pings are committed; what follows is derived from them and checked again next time.
        const stored = refused ? rows.filter((_, i) => !refused.has(i)) : rows;
        try {
          await markSeen(stored);
          await qualify(stored);
        } catch (err) {
          app.log.error({ err }, 'after-batch bookkeeping failed');
        }
        if (refused?.size) throw new PartlyRefused(refused);
      },
      { maxBatch: config.pings.maxBatch, concurrency: config.pings.writeConcurrency, gatherMs: config.pings.gatherMs },
    );

    // Which widgets exist and where they may be pinged from: one lookup per widget a minute.
    const cache = new Map<string, { access: WidgetAccess | null; until: number }>();
    const widgetAccess = async (widgetId: string) => {
      const now = Date.now();
      const hit = cache.get(widgetId);
      if (hit && hit.until > now) return hit.access;
      const access = await findWidgetAccess(db, widgetId);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(widgetId, { access, until: now + (access ? KNOWN_TTL_MS : UNKNOWN_TTL_MS) });
      return access;
    };
    const forget = (widgetId: string) => void cache.delete(widgetId);

    const prune = setInterval(() => {
      pruneRawPings(db, config.pings.rawRetentionDays).catch((err) =>
        app.log.error({ err }, 'pruning raw pings failed'),
      );
    }, PRUNE_EVERY_MS);
    prune.unref();

    app.decorate('pings', { writer, widgetAccess, forget });
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
  { name: 'pings', dependencies: ['db', 'ledger'] },
);
