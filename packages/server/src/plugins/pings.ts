import fp from 'fastify-plugin';
import { type PingRow, pruneRawPings, writePingBatch } from '../db/queries/pings.ts';
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

/**
 * Ping ingestion: group-committed writes, a short-lived cache of which widgets exist, and an
 * hourly prune of raw pings past retention. Closing the app flushes pending pings first.
 */
export default fp(
  async (app) => {
    const { db, config } = app;
    const writer = groupCommit<PingRow>(async (rows) => {
      const { qualified } = await writePingBatch(db, rows, config.programme.qualifyMinVisitors);
      for (const q of qualified) app.log.info(q, 'widget qualified as installed');
    }, config.pings.maxBatch);

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
    });
  },
  { name: 'pings', dependencies: ['db'] },
);
