import fp from 'fastify-plugin';
import { logFailure } from '../db/outage.ts';
import { queueMissingChecks } from '../db/queries/install-checks.ts';
import { accrueInstallBounties, type MaturedSummary, matureDue } from '../db/queries/ledger.ts';
import { retryOnConflict } from '../db/retry.ts';
import { reconcileQueuedInvoices } from '../services/billing.ts';
import { reviewFamiliesOf } from '../services/network-clusters.ts';
import { queueEarningsNews } from '../services/notifications.ts';
import { settleReviewedHolds } from '../services/referral-review.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ledger: {
      /** A widget of this account has just qualified: write its referrer's install bounty. */
      widgetQualified(accountId: string): Promise<void>;
      /**
       * The periodic work, also run by tests after moving the clock: write any install bounty
       * missed (a crash between qualification and the bounty), settle entries written on hold
       * while their referral was being decided, reconcile invoices a migration queued, end
       * the holds that are over (sending to the operator what a network cluster or an
       * unfound page makes doubtful), and queue the e-mails that tell ambassadors of it.
       */
      tick(): Promise<MaturedSummary>;
      /**
       * Something may have changed when a hold ends (an invoice paid, a referral decided): look
       * again, so an entry becomes available at its hold's end to the second, not at the next
       * minute's tick.
       */
      changed(): void;
    };
  }
}

const TICK_EVERY_MS = 60_000;

/** The ledger's background work: install bounties and the end of hold periods. */
export default fp(
  async (app) => {
    const { db, config, clock } = app;
    const widgetQualified = async (accountId: string) => {
      // Its visitors' networks are evidence too: weighed before the bounty is written, so a
      // cluster's bounty starts on hold.
      const held = await retryOnConflict(() => reviewFamiliesOf(db, accountId, clock.now()));
      if (held.length) app.log.info({ referrals: held.length }, 'referrals held: their networks form a cluster');
      for (const entry of await accrueInstallBounties(db, clock.now(), accountId)) {
        app.log.info({ entryId: entry.id, accountId: entry.accountId }, 'install bounty accrued');
      }
    };
    const tickOnce = async () => {
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
      // A bounty whose page was never queued for a check would wait for one for good.
      await retryOnConflict(() => queueMissingChecks(db, clock.now()));
      let total: MaturedSummary = { available: 0, reversed: 0, held: 0 };
      for (;;) {
        const batch = await retryOnConflict(() => matureDue(db, clock.now(), config.programme.livenessDays));
        total = {
          available: total.available + batch.available,
          reversed: total.reversed + batch.reversed,
          held: total.held + batch.held,
        };
        if (batch.available + batch.reversed + batch.held === 0) break;
      }
      if (total.available || total.reversed || total.held) app.log.info(total, 'holds ended');
      const news = await retryOnConflict(() => queueEarningsNews(db, clock.now(), config.programme.minPayoutCents));
      if (news) app.mail.kick();
      return total;
    };
    // One tick at a time in this instance: a caller that comes while the timer's tick runs
    // waits for it, then ticks itself, so it sees every hold that was over when it asked (rows
    // the running tick held would otherwise be skipped, and still pending, when it returned).
    let ticking: Promise<MaturedSummary> | null = null;
    const tick = async (): Promise<MaturedSummary> => {
      while (ticking) await ticking.catch(() => {});
      const current = tickOnce();
      ticking = current;
      try {
        return await current;
      } finally {
        if (ticking === current) ticking = null;
      }
    };
    // Exact timers need a clock that moves with time: a test's moves when the test says, and
    // its tests end holds by calling tick() themselves.
    const exact = clock.live === true;
    let closed = false;
    let next: NodeJS.Timeout | undefined;
    const run = async () => {
      try {
        await tick();
      } catch (err) {
        logFailure(app.log, err, 'ledger tick failed');
      }
      if (exact && !closed) await arm();
    };
    /** A timer for the next hold to end, when that is sooner than the next minute's tick. */
    const arm = async () => {
      try {
        const { rows } = await db.query<{ at: Date | string | null }>(
          `select min(hold_until) as at from ledger_entries where state = 'pending' and parent_id is null`,
        );
        const at = rows[0]?.at;
        if (!at || closed) return;
        const delay = Math.max(0, new Date(at).getTime() - clock.now().getTime());
        if (delay >= TICK_EVERY_MS) return; // the minute's tick gets there
        clearTimeout(next);
        next = setTimeout(run, delay + 5); // just past the end: hold_until <= now must hold
        next.unref();
      } catch (err) {
        logFailure(app.log, err, 'could not look up the next hold to end');
      }
    };
    const timer = setInterval(() => void run(), TICK_EVERY_MS);
    timer.unref();
    // Holds that ended while the server was down end now, not a minute after start.
    if (exact) app.addHook('onReady', async () => void run());
    app.addHook('onClose', async () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(next);
    });
    const changed = () => {
      if (exact && !closed) void arm();
    };
    app.decorate('ledger', { widgetQualified, tick, changed });
  },
  { name: 'ledger', dependencies: ['db', 'mail'] },
);
