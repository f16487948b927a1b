import fp from 'fastify-plugin';
import { logFailure } from '../db/outage.ts';
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
    // (widget, origin) pairs whose last check failed: checked again with the next batch, whatever
    // it holds, rather than when that origin next pings.
    const unchecked = new Map<string, { widgetId: string; origin: string }>();
    const qualify = async (rows: PingRow[]) => {
      // Taken out while checked, so a check that succeeds meanwhile (writes in flight at once)
      // cannot drop the pairs another one failed on.
      const touched = new Map(unchecked);
      unchecked.clear();
      for (const r of rows) {
        if (r.publicOrigin && !qualified.has(r.widgetId)) touched.set(`${r.widgetId} ${r.origin}`, r);
      }
      if (!touched.size) return;
      try {
        const pairs = [...touched.values()].map(({ widgetId, origin }) => ({ widgetId, origin }));
        const candidates = [...new Set(pairs.map((t) => t.widgetId))];
        for (const q of await qualifyWidgets(
          db,
          pairs,
          { minVisitors: config.programme.qualifyMinVisitors, minNetworks: config.programme.qualifyMinNetworks },
          app.clock.now(),
        )) {
          app.log.info(q, 'widget qualified as installed');
          await app.ledger.widgetQualified(q.accountId);
          // Its page check was queued with the qualification: fetch it soon.
          app.installChecks.kick();
        }
        const { rows: done } = await db.query<{ id: string }>(
          'select id from widgets where id = any($1::text[]) and qualified_at is not null',
          [candidates],
        );
        if (qualified.size >= CACHE_MAX) qualified.clear();
        for (const { id } of done) qualified.add(id);
      } catch (err) {
        for (const [key, { widgetId, origin }] of touched) {
          if (unchecked.size >= CACHE_MAX) break;
          unchecked.set(key, { widgetId, origin });
        }
        throw err;
      }
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
          try {
            await markWidgetSeen(db, widgetId, { isPublic: (kind & 1) !== 0, tampered: (kind & 2) !== 0, now });
          } catch (err) {
            // Not noted, so it is tried again with the widget's next batch; the others go on.
            logFailure(app.log, err, 'marking a widget seen failed', { widgetId });
            continue;
          }
          if (seenAt.size >= CACHE_MAX) seenAt.clear();
          seenAt.set(key, now.getTime());
        }
      }
    };

    /**
     * Writes the rows at `at`, which the database refused together for what they hold, in two
     * halves, each split again if refused, down to the rows it refuses alone: k refused rows
     * among n cost about 2k·log2(n) statements, not n. A failure of any other kind refuses every
     * row its part held.
     */
    const writeApart = async (
      rows: PingRow[],
      counting: readonly string[],
      at: number[],
      refused: Map<number, unknown>,
    ) => {
      for (const part of [at.slice(0, at.length >> 1), at.slice(at.length >> 1)]) {
        const partRows = part.map((i) => rows[i] as PingRow);
        try {
          await retryOnConflict(() => writePingBatch(db, partRows, counting));
        } catch (err) {
          if (part.length > 1 && isDataError(err)) await writeApart(rows, counting, part, refused);
          else for (const i of part) refused.set(i, err);
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
          // other pings of its batch: write it in halves, and refuse only what fails alone.
          if (rows.length === 1 || !isDataError(err)) throw err;
          app.log.warn({ err }, 'ping batch refused; writing it in parts');
          refused = new Map();
          const positions = rows.map((_, i) => i);
          await writeApart(rows, counting, positions, refused);
        }
        // The pings are committed; what follows is derived from them and checked again next time.
        const stored = refused ? rows.filter((_, i) => !refused.has(i)) : rows;
        await markSeen(stored);
        await qualify(stored).catch((err) =>
          logFailure(app.log, err, 'qualification check failed; retried next batch'),
        );
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
        logFailure(app.log, err, 'pruning raw pings failed'),
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
  { name: 'pings', dependencies: ['db', 'ledger', 'install-checks'] },
);
