import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../domain/clock.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** The programme's time: the system clock, or one a test sets. */
    clock: Clock;
  }
}

/** Shares the database, the configuration and the clock; closes the database when the app closes. */
export default fp<{ db: Db; config: Config; clock: Clock; closeDb: boolean }>(
  async (app, { db, config, clock, closeDb }) => {
    app.decorate('db', db);
    app.decorate('config', config);
    app.decorate('clock', clock);
    if (closeDb) app.addHook('onClose', () => db.close());
  },
  { name: 'db' },
);
