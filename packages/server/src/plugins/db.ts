import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

/** Shares the database and the configuration; closes the database when the app closes. */
export default fp<{ db: Db; config: Config; closeDb: boolean }>(
  async (app, { db, config, closeDb }) => {
    app.decorate('db', db);
    app.decorate('config', config);
    if (closeDb) app.addHook('onClose', () => db.close());
  },
  { name: 'db' },
);
