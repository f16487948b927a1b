import { isIP } from 'node:net';
import fp from 'fastify-plugin';
import { logFailure } from '../db/outage.ts';
import { type ClaimedCheck, claimDueChecks, pathsPinged, recordCheckTry } from '../db/queries/install-checks.ts';
import {
  CHECK_PAGES_PER_TRY,
  type CheckOutcome,
  pagesToCheck,
  retryAt,
  snippetIn,
} from '../domain/install-verification.ts';
import { fetchPage, type ResolveHost, systemResolver } from '../page-fetch.ts';

declare module 'fastify' {
  interface FastifyInstance {
    installChecks: {
      /** A widget has just qualified: check its page soon, without making the caller wait. */
      kick(): void;
      /** Runs every check that is due now, waiting for a run under way; tests await it. */
      run(): Promise<CheckSummary>;
    };
  }
}

export interface CheckSummary {
  found: number;
  notFound: number;
  retried: number;
}

/** Checks taken at a time: each may fetch three pages, up to 10 s each. */
const BATCH = 5;
/** A check taken by an instance that dies is taken again after this long. */
const LEASE_MS = 5 * 60_000;
const POLL_MS = 60_000;

/**
 * The install checks' worker: once a widget qualifies, its page is fetched (page-fetch.ts:
 * public addresses only, time-outs, a size cap) and searched for the widget's snippet, up to
 * four times over about ten hours (domain/install-verification.ts). Runs in every instance;
 * each takes its checks with `skip locked` and a lease. `resolveHost` is DNS, unless a test
 * brings its own.
 */
/** DNS, except for the names configuration maps (INSTALL_CHECK_HOSTS, tests only). */
export function mappedResolver(hosts: { pattern: string; address: string }[], dns: ResolveHost): ResolveHost {
  if (!hosts.length) return dns;
  return async (hostname) => {
    const name = hostname.toLowerCase();
    const hit = hosts.find(({ pattern }) =>
      pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern,
    );
    return hit ? [{ address: hit.address, family: isIP(hit.address) }] : dns(hostname);
  };
}

export default fp<{ resolveHost?: ResolveHost }>(
  async (app, opts) => {
    const { db, config, clock } = app;
    const fetchOptions = {
      resolve: opts.resolveHost ?? mappedResolver(config.installChecks.hosts, systemResolver),
      allowLoopback: config.installChecks.allowLoopback,
      userAgent: `CallbellInstallCheck/1.0 (+${config.publicOrigin})`,
    };

    /** One try: the pages in turn until one carries the snippet; what the last one said, else. */
    const attempt = async (check: ClaimedCheck) => {
      const paths = await pathsPinged(db, check.widgetId, check.origin, CHECK_PAGES_PER_TRY);
      const pages = pagesToCheck(check.origin, paths);
      let last: { outcome: CheckOutcome; url: string | null; detail: string } = {
        outcome: 'no_page',
        url: null,
        detail: 'no page address to fetch',
      };
      for (const page of pages) {
        const got = await fetchPage(page, fetchOptions);
        if (!got.ok) {
          last = { outcome: got.failure, url: got.url, detail: got.detail };
          continue;
        }
        const seen = snippetIn(got.body, check.widgetId);
        if (seen) {
          const detail = seen === 'snippet' ? 'the page carries the snippet' : 'the page names the widget';
          return { outcome: 'found' as const, url: got.url, detail };
        }
        last = { outcome: 'no_snippet', url: got.url, detail: 'the page does not carry the snippet' };
      }
      return last;
    };

    const pass = async (): Promise<CheckSummary> => {
      const total = { found: 0, notFound: 0, retried: 0 };
      for (;;) {
        const now = clock.now();
        const batch = await claimDueChecks(db, now, new Date(now.getTime() + LEASE_MS), BATCH);
        for (const check of batch) {
          const result = await attempt(check);
          const done = clock.now();
          const next = result.outcome === 'found' ? null : retryAt(check.attempt, done);
          await recordCheckTry(db, check.widgetId, {
            attempt: check.attempt,
            outcome: result.outcome,
            checkedUrl: result.url,
            detail: result.detail,
            now: done,
            retryAt: next,
          });
          const log = { widgetId: check.widgetId, attempt: check.attempt, outcome: result.outcome };
          if (result.outcome === 'found') total.found++;
          else if (next) total.retried++;
          else total.notFound++;
          app.log.info(log, 'install check tried');
        }
        if (batch.length < BATCH) return total;
      }
    };

    // One run at a time in this instance; a kick during one runs another pass after it.
    let running: Promise<CheckSummary> | null = null;
    let again = false;
    let closed = false;
    const run = (): Promise<CheckSummary> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        const total = { found: 0, notFound: 0, retried: 0 };
        try {
          do {
            again = false;
            const done = await pass();
            total.found += done.found;
            total.notFound += done.notFound;
            total.retried += done.retried;
          } while (again && !closed);
          // A bounty may have waited for this check at the end of its hold.
          if (total.found + total.notFound) app.ledger.changed();
        } catch (err) {
          logFailure(app.log, err, 'install checks failed; tried again shortly');
        } finally {
          running = null;
        }
        return total;
      })();
      return running;
    };

    // A test's clock moves only when the test says: its checks run when it asks.
    const live = clock.live === true;
    const poll = live ? setInterval(() => void run(), POLL_MS) : undefined;
    poll?.unref();
    if (live) app.addHook('onReady', async () => void run());
    app.addHook('onClose', async () => {
      closed = true;
      clearInterval(poll);
      await running;
    });

    app.decorate('installChecks', {
      kick: () => {
        if (live && !closed) void run();
      },
      run: async () => {
        await running;
        return run();
      },
    });
  },
  { name: 'install-checks', dependencies: ['db', 'ledger'] },
);
