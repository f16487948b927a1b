import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { type OutageWatch, outageWatch, watchedDb } from '../db/outage.ts';
import type { Clock } from '../domain/clock.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Whether the database is reachable, as its last call found it (db/outage.ts). */
    dbOutage: OutageWatch;
    config: Config;
    /** The programme's time: the system clock, or one a test sets. */
    clock: Clock;
  }
}

/**
 * Shares the database, the configuration and the clock; closes the database when the app
 * closes. Every call goes through the outage watch, which logs an outage once and counts it.
 */
export default fp<{ db: Db; config: Config; clock: Clock; closeDb: boolean }>(
  async (app, { db, config, clock, closeDb }) => {
    const watch = outageWatch(app.log);
    app.decorate('db', watchedDb(db, watch));
    app.decorate('dbOutage', watch);
    app.decorate('config', config);
    app.decorate('clock', clock);
    app.addHook('onClose', async () => {
      watch.stop();
      if (closeDb) await db.close();
    });
  },
  { name: 'db' },
);
