// Issue 15's attack, as an attacker would play it, and its variants: a ringleader and its
// referees on a few addresses, their widgets "installed" by pings with made-up public pages.
// Each must earn nothing that can be paid without an operator's decision.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { accountBalances } from '../../src/db/queries/ledger.ts';
import { addDays } from '../../src/domain/clock.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, ping, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';
import { snippetPage, startSites } from '../sites.ts';

const START = new Date('2026-03-01T10:00:00Z');
// The production rule: three visitors from two networks.
const RULES = { QUALIFY_MIN_VISITORS: '3', QUALIFY_MIN_NETWORKS: '2', PING_RATE_PER_IP: '100000', SESSION_DAYS: '365' };

interface Ring {
  leader: string;
  /** Where each referee signs up from. */
  referees: string[];
  /** Where each referee's widget is pinged from, by referee (one ping per entry, a new visitor each). */
  pings: (i: number) => string[];
}

describeEachDb('fraud rings (issue 15)', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  // One app for the suite (as payouts.test.ts has), on a database emptied between tests. The
  // rings sign up and ping from the addresses the attack is about, the same ones in several
  // tests, so rather than an address per test each test starts 100 days after the one before (a
  // ring plays 30): the window of every limit the app counts (sign-ups per address, an hour;
  // pings, a minute) has ended by then, and its counts start again from none.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), RULES, clock);
  });
  afterAll(() => shared.close());
  beforeEach(() => {
    n++;
    clock.set(addDays(START, 100 * n));
    app = shared;
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const pingFrom = async (ip: string, widgetId: string, url: string, kind = 'install') => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/pings',
      payload: ping(widgetId, { url, kind }),
      remoteAddress: ip,
    });
    expect(res.statusCode, res.body).toBe(204);
  };

  /** Plays the ring through the hold; answers the leader and what its payout request got. */
  const play = async (ring: Ring) => {
    const leader = await signUp(app, { ip: ring.leader });
    const referees: TestUser[] = [];
    for (const ip of ring.referees) referees.push(await signUp(app, { ref: leader.referralCode, ip }));
    for (const [i, referee] of referees.entries()) {
      for (const ip of ring.pings(i)) await pingFrom(ip, referee.widgetId, `https://made-up-shop-${i}.com/`);
    }
    await app.installChecks.run();
    clock.advanceDays(29);
    for (const [i, referee] of referees.entries()) {
      await pingFrom(ring.pings(i)[0] ?? ring.leader, referee.widgetId, `https://made-up-shop-${i}.com/`, 'heartbeat');
    }
    clock.advanceDays(1);
    await app.ledger.tick();
    await app.installChecks.run();
    await app.ledger.tick();
    const payout = await as(
      app,
      leader,
    )({ method: 'POST', url: '/api/payouts', payload: { method: 'paypal', email: 'ring@example.com' } });
    return { leader, referees, payout };
  };

  const expectNothingPaid = async (leader: TestUser, payout: { statusCode: number }) => {
    const balances = await accountBalances(db(), leader.id);
    expect(balances.availableCents).toBe(0);
    expect(balances.processingCents).toBe(0);
    expect(payout.statusCode).toBe(409);
  };

  it('the ring: one address for the leader, one for five referees, pinged from both', async () => {
    const { leader, payout } = await play({
      leader: '203.0.113.1',
      referees: Array(5).fill('198.51.100.7'),
      pings: () => ['198.51.100.7', '198.51.100.7', '203.0.113.1'],
    });
    await expectNothingPaid(leader, payout);
  });

  it('IPv6 neighbours: referees on one /64, each on its own address', async () => {
    const { leader, payout } = await play({
      leader: '2001:db8:aaaa:1::1',
      referees: [1, 2, 3, 4, 5].map((n) => `2001:db8:bbbb:2::${n}`),
      pings: (i) => [`2001:db8:bbbb:2::${i + 10}`, `2001:db8:bbbb:2::${i + 20}`, '2001:db8:aaaa:1::2'],
    });
    await expectNothingPaid(leader, payout);
  });

  it('IPv4-mapped addresses: the same network written two ways', async () => {
    const { leader, payout } = await play({
      leader: '::ffff:203.0.113.1',
      referees: [1, 2, 3, 4, 5].map((n) => (n % 2 ? '::ffff:198.51.100.7' : '198.51.100.7')),
      pings: () => ['::ffff:198.51.100.7', '198.51.100.7', '203.0.113.1'],
    });
    await expectNothingPaid(leader, payout);
  });

  it('one referee per address, every widget pinged from the referrer’s network', async () => {
    const { leader, payout } = await play({
      leader: '203.0.113.1',
      referees: [1, 2, 3, 4, 5].map((n) => `198.51.100.${n}`),
      pings: (i) => [`198.51.100.${i + 1}`, `198.51.100.${i + 1}`, '203.0.113.1'],
    });
    await expectNothingPaid(leader, payout);
  });

  it('holds the ring’s money for the operator, who sees one cluster and decides it at once', async () => {
    const admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
    // Visitors from a second network too, so that the installs qualify and earn, on hold.
    const { leader, referees, payout } = await play({
      leader: '203.0.113.1',
      referees: Array(5).fill('198.51.100.7'),
      pings: () => ['203.0.113.1', '198.51.100.7', '198.51.100.8', '198.51.100.8'],
    });
    await expectNothingPaid(leader, payout);
    expect(await accountBalances(db(), leader.id)).toMatchObject({ onHoldCents: 5000 });

    const res = await as(app, admin)({ method: 'GET', url: '/api/admin/referrals' });
    expect(res.statusCode, res.body).toBe(200);
    const { referrals, clusters } = res.json();
    expect(referrals).toHaveLength(5);
    expect(referrals.map((r: { flaggedReason: string }) => r.flaggedReason)).toEqual(Array(5).fill('network_cluster'));
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(referrals.every((r: { clusterId: string }) => r.clusterId === cluster.id)).toBe(true);
    expect(cluster.referrerId).toBe(leader.id);
    // The leader is in it too: its address pinged their widgets.
    expect(cluster.members.map((m: { accountId: string }) => m.accountId)).toEqual([
      leader.id,
      ...cluster.members.slice(1).map((m: { accountId: string }) => m.accountId),
    ]);
    expect(
      cluster.members
        .slice(1)
        .map((m: { accountId: string }) => m.accountId)
        .sort(),
    ).toEqual(referees.map((r) => r.id).sort());
    // The evidence: the sign-up network they share, and the visitors' networks of their sites.
    const kinds = cluster.networks.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('ipv4');
    const shared = cluster.networks.find((n: { kind: string }) => n.kind === 'ipv4');
    expect(shared.hash).toMatch(/^[0-9a-f]{8}$/);
    expect(shared.seen.map((s: { how: string }) => s.how)).toContain('signup');
    expect(shared.seen.map((s: { origin: string | null }) => s.origin)).toContain('https://made-up-shop-0.com');
    // No address anywhere in what the operator is shown.
    expect(res.body).not.toMatch(/198\.51\.100|203\.0\.113/);

    const decided = await as(
      app,
      admin,
    )({ method: 'POST', url: '/api/admin/referrals/clusters/approve', payload: { referralIds: cluster.referralIds } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().referrals.map((r: { review: string }) => r.review)).toEqual(Array(5).fill('approved'));
    await app.ledger.tick();
    // Approved by hand: the bounties follow the usual hold, which is over.
    expect(await accountBalances(db(), leader.id)).toMatchObject({ availableCents: 5000, onHoldCents: 0 });
  });

  it('still pays honest referees on networks of their own, once their pages carry the snippet', async () => {
    const sites = await startSites();
    // An app of its own: its install checks may fetch the local test sites.
    app = await testApp(db(), { ...RULES, INSTALL_CHECK_ALLOW_LOOPBACK: 'true' }, clock);
    try {
      const leader = await signUp(app, { ip: '203.0.113.1' });
      const referees: TestUser[] = [];
      for (const n of [1, 2, 3]) referees.push(await signUp(app, { ref: leader.referralCode, ip: `198.51.100.${n}` }));
      for (const [i, referee] of referees.entries()) {
        const host = `honest-shop-${i}.com`;
        sites.page(host, snippetPage(referee.widgetId));
        for (const n of [1, 2, 3]) await pingFrom(`100.${64 + i}.${n}.1`, referee.widgetId, sites.url(host, '/'));
      }
      expect(await app.installChecks.run()).toEqual({ found: 3, notFound: 0, retried: 0 });
      expect(await accountBalances(db(), leader.id)).toMatchObject({ pendingCents: 3000, onHoldCents: 0 });
      clock.advanceDays(29);
      for (const [i, referee] of referees.entries()) {
        await pingFrom(`100.${64 + i}.1.1`, referee.widgetId, sites.url(`honest-shop-${i}.com`, '/'), 'heartbeat');
      }
      clock.advanceDays(1);
      await app.ledger.tick();
      expect(await accountBalances(db(), leader.id)).toMatchObject({ availableCents: 3000, onHoldCents: 0 });
    } finally {
      await sites.close();
    }
  });
});
