import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  accountBalances,
  entryBySourceKey,
  insertEntry,
  type LedgerEntry,
  listEntries,
  takeBack,
} from '../../src/db/queries/ledger.ts';
import { balancesOf } from '../../src/domain/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ping, testApp } from '../fixtures.ts';
import { signUp, type TestUser } from '../sessions.ts';
import { snippetPage, startSites } from '../sites.ts';

const START = '2026-03-01T10:00:00Z';

describeEachDb('the ledger', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let referrer: TestUser;
  /** Where this test's referrer signs up from. */
  let referrerIp: string;
  /** Where this test's other accounts sign up from: another address than the referrer's. */
  let refereeIp: string;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and each test's accounts sign up from two addresses of
  // its own (the referrer from one, the rest from the other, as when every test had its app),
  // so the sign-up limit per address never carries over. The widgets the app remembers (as
  // qualified, or as seen) are new ones in each test.
  let n = 0;
  beforeAll(async () => {
    clock = testClock(START);
    app = await testApp(
      db(),
      { QUALIFY_MIN_VISITORS: '3', PING_RATE_PER_IP: '100000', INSTALL_CHECK_ALLOW_LOOPBACK: 'true' },
      clock,
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    clock.set(START);
    n++;
    referrerIp = `203.0.113.${n}`;
    refereeIp = `198.51.100.${n}`;
    referrer = await signUp(app, { ip: referrerIp });
  });

  const sendPing = async (widgetId: string, overrides: Record<string, unknown> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(widgetId, overrides) });
    expect(res.statusCode, res.body).toBe(204);
  };
  /** Pings from enough distinct visitors on a public site for the widget to qualify. */
  const install = async (widgetId: string) => {
    for (let i = 0; i < 3; i++) await sendPing(widgetId);
  };
  const entries = () => listEntries(db(), referrer.id);

  describe('install bounty', () => {
    it('is written once the referee’s widget qualifies, pending for the hold', async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      await sendPing(referee.widgetId);
      await sendPing(referee.widgetId, { url: 'http://localhost:3000/' });
      expect(await entries()).toEqual([]); // one public visitor, one local: not installed yet
      await install(referee.widgetId);
      const [bounty] = await entries();
      expect(bounty).toMatchObject({
        kind: 'install_bounty',
        amountCents: 1000,
        state: 'pending',
        widgetId: referee.widgetId,
        sourceKey: `install_bounty:${referee.id}`,
      });
      expect(bounty?.holdUntil?.toISOString()).toBe('2026-03-31T10:00:00.000Z');
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 1000, availableCents: 0 });
    });

    it('is paid once per referee, whatever its other widgets do', async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      await install(referee.widgetId);
      await db().query(
        `insert into widgets (id, account_id, settings) select 'wdg_second0000001', account_id,
        settings from widgets where id = $1`,
        [referee.widgetId],
      );
      await install('wdg_second0000001');
      await app.ledger.tick();
      expect(await entries()).toHaveLength(1);
    });

    it('is not earned by an account nobody referred, nor on a rejected referral', async () => {
      const loner = await signUp(app, { ip: refereeIp });
      await install(loner.widgetId);
      const rejected = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      await db().query(`update referrals set review = 'rejected' where referee_id = $1`, [rejected.id]);
      await install(rejected.widgetId);
      await app.ledger.tick();
      expect(await entries()).toEqual([]);
    });

    it('is written by the periodic tick if the moment of qualification was missed', async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      await db().query('update widgets set qualified_at = $2 where id = $1', [referee.widgetId, clock.now()]);
      await app.ledger.tick();
      expect((await entries())[0]).toMatchObject({ kind: 'install_bounty', state: 'pending' });
    });

    it('becomes available when the hold ends if the widget is still alive and its page carries it', async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      const sites = await startSites();
      onTestFinished(() => sites.close());
      sites.page('shop.example.com', snippetPage(referee.widgetId));
      const url = sites.url('shop.example.com', '/products');
      for (let i = 0; i < 3; i++) await sendPing(referee.widgetId, { url });
      expect(await app.installChecks.run()).toMatchObject({ found: 1 });
      clock.advanceDays(29);
      await sendPing(referee.widgetId, { kind: 'heartbeat', url });
      expect(await app.ledger.tick()).toEqual({ available: 0, reversed: 0, held: 0 }); // hold not over yet
      clock.advanceDays(1);
      expect(await app.ledger.tick()).toEqual({ available: 1, reversed: 0, held: 0 });
      expect((await entries())[0]).toMatchObject({ state: 'available' });
      expect((await entries())[0]?.availableAt?.toISOString()).toBe(clock.now().toISOString());
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 0, availableCents: 1000 });
    });

    it('is reversed, with its reason, if the widget went quiet before the hold ended', async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      await install(referee.widgetId);
      clock.advanceDays(20); // last heartbeat 10 days before the end: more than LIVENESS_DAYS (7)
      await sendPing(referee.widgetId, { kind: 'heartbeat' });
      clock.advanceDays(10);
      expect(await app.ledger.tick()).toEqual({ available: 0, reversed: 1, held: 0 });
      const list = await entries();
      expect(list.map((e) => [e.kind, e.amountCents, e.state])).toEqual([
        ['reversal', -1000, 'reversed'],
        ['install_bounty', 1000, 'reversed'],
      ]);
      expect(list[0]?.reason).toMatch(/not seen in the 7 days/);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({
        pendingCents: 0,
        availableCents: 0,
        reversedCents: 1000,
      });
    });

    it('is not kept alive by pings from localhost or a private name, which anyone can send', async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      await install(referee.widgetId);
      clock.advanceDays(28);
      await sendPing(referee.widgetId, { kind: 'heartbeat', url: 'http://localhost:8080/' });
      await sendPing(referee.widgetId, { kind: 'heartbeat', url: 'https://shop.internal/' });
      clock.advanceDays(2);
      expect(await app.ledger.tick()).toEqual({ available: 0, reversed: 1, held: 0 });
    });

    it('waits on hold for the operator when the referral is flagged', async () => {
      const flagged = await signUp(app, { ref: referrer.referralCode, ip: referrerIp });
      await install(flagged.widgetId);
      expect((await entries())[0]).toMatchObject({ state: 'on_hold' });
      clock.advanceDays(60);
      await sendPing(flagged.widgetId, { kind: 'heartbeat' });
      await app.ledger.tick();
      expect((await entries())[0]).toMatchObject({ state: 'on_hold' });
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ onHoldCents: 1000, availableCents: 0 });
    });
  });

  describe('taking money back', () => {
    let referralId: string;
    beforeEach(async () => {
      const referee = await signUp(app, { ref: referrer.referralCode, ip: refereeIp });
      const { rows } = await db().query<{ id: string }>('select id::text from referrals where referee_id = $1', [
        referee.id,
      ]);
      referralId = rows[0]?.id ?? '';
    });
    const commission = (amountCents: number, key = 'commission:in_1') =>
      insertEntry(db(), {
        accountId: referrer.id,
        referralId,
        kind: 'commission',
        amountCents,
        state: 'pending',
        sourceKey: key,
        invoiceId: key.split(':')[1] ?? null,
        createdAt: clock.now(),
        holdUntil: new Date(clock.now().getTime() + 30 * 86_400_000),
      });
    const take = async (key: string, cents: number, sourceKey: string) =>
      db().transaction(async (tx) => {
        const parent = (await entryBySourceKey(tx, key, true)) as LedgerEntry;
        return takeBack(tx, parent, { cents, sourceKey, reason: 'Refunded', now: clock.now() });
      });
    const expectBalancesMatchEntries = async () => {
      const all = await listEntries(db(), referrer.id, 1000);
      expect(await accountBalances(db(), referrer.id)).toEqual(balancesOf(all));
    };

    it('writes a source key once: a replay adds nothing', async () => {
      expect(await commission(3000)).not.toBeNull();
      expect(await commission(3000)).toBeNull();
      expect(await take('commission:in_1', 500, 'refund:1')).not.toBeNull();
      expect(await take('commission:in_1', 500, 'refund:1')).toBeNull();
      expect(await entries()).toHaveLength(2);
    });

    it('reverses inside the hold: partly, then whole (the group then sums to zero)', async () => {
      await commission(3000);
      await take('commission:in_1', 1000, 'refund:a');
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 2000, reversedCents: 1000 });
      await expectBalancesMatchEntries();
      await take('commission:in_1', 2000, 'refund:b');
      const list = await entries();
      expect(list.every((e) => e.state === 'reversed')).toBe(true);
      expect(list.reduce((sum, e) => sum + e.amountCents, 0)).toBe(0);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 0, reversedCents: 3000 });
      // Nothing more can be taken from a reversed entry.
      expect(await take('commission:in_1', 100, 'refund:c')).toBeNull();
      await expectBalancesMatchEntries();
    });

    it('a partial reversal matures with its commission', async () => {
      await commission(3000);
      await take('commission:in_1', 900, 'refund:a');
      clock.advanceDays(30);
      await app.ledger.tick();
      expect((await entries()).map((e) => e.state)).toEqual(['available', 'available']);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 2100 });
    });

    it('claws back after the hold: a negative available entry that can take the balance below zero', async () => {
      await commission(3000);
      clock.advanceDays(30);
      await app.ledger.tick();
      await db().query(`update ledger_entries set state = 'paid' where source_key = 'commission:in_1'`);
      const clawback = await take('commission:in_1', 3000, 'refund:late');
      expect(clawback).toMatchObject({ kind: 'clawback', amountCents: -3000, state: 'available', reason: 'Refunded' });
      expect(await accountBalances(db(), referrer.id)).toMatchObject({
        paidCents: 3000,
        availableCents: -3000,
        clawedBackCents: 3000,
      });
      await expectBalancesMatchEntries();
    });

    it('the database refuses an entry of the wrong sign', async () => {
      await expect(commission(-5, 'commission:neg')).rejects.toThrow();
      expect(await entries()).toEqual([]);
    });
  });
});
