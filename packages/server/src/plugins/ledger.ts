import fp from 'fastify-plugin';
import { accrueInstallBounties, type MaturedSummary, matureDue } from '../db/queries/ledger.ts';
import { retryOnConflict } from '../db/retry.ts';
import { reconcileQueuedInvoices } from '../services/billing.ts';
import { settleReviewedHolds } from '../services/referral-review.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ledger: {
      /** A widget of this account has just qualified: write its referrer's install bounty. */
      widgetQualified(accountId: string): Promise<void>;
      /**
       * The periodic work, also run by tests after moving the clock: write any install bounty
       * missed (a crash between qualification and the bounty), settle entries written on hold
       * while their referral was being decided, reconcile invoices a migration queued, then end
       * the holds that are over.
       */
      tick(): Promise<MaturedSummary>;
    };
  }
}

const TICK_EVERY_MS = 60_000;

/** The ledger's background work: install bounties and the end of hold periods. */
export default fp(
  async (app) => {
    const { db, config, clock } = app;
    const widgetQualified = async (accountId: string) => {
      for (const entry of await accrueInstallBounties(db, clock.now(), accountId)) {
        app.log.info({ entryId: entry.id, accountId: entry.accountId }, 'install bounty accrued');
      }
    };
    const tick = async () => {
      // Each step is its own transaction; one that met billing in a deadlock is run again.
      await retryOnConflict(() => accrueInstallBounties(db, clock.now()));
      await retryOnConflict(() => settleReviewedHolds(db, clock.now()));
      for (let queued = 0; ; ) {
        const done = await retryOnConflict(() => reconcileQueuedInvoices(db, clock.now()));
        queued += done;
        if (done === 0) {
          if (queued) app.log.info({ invoices: queued }, 'queued invoices reconciled');
          break;
        }
      }
      let total: MaturedSummary = { available: 0, reversed: 0 };
      for (;;) {
        const batch = await retryOnConflict(() => matureDue(db, clock.now(), config.programme.livenessDays));
        total = { available: total.available + batch.available, reversed: total.reversed + batch.reversed };
        if (batch.available + batch.reversed === 0) break;
      }
      if (total.available || total.reversed) app.log.info(total, 'holds ended');
      return total;
    };
    const timer = setInterval(() => {
      tick().catch((err) => app.log.error({ err }, 'ledger tick failed'));
    }, TICK_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
    app.decorate('ledger', { widgetQualified, tick });
  },
  { name: 'ledger', dependencies: ['db'] },
);
