import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertEntry } from '../../src/db/queries/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { decimal } from '../payout-files.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Answer = { status: number; body: unknown } | 'hang-up';

/** A stand-in for PayPal's API on a local port: it records each request and answers as told. */
function fakePaypal() {
  const seen: Seen[] = [];
  const answers: { token: Answer; payouts: Answer } = {
    token: { status: 200, body: { access_token: 'A21AA-test-token', token_type: 'Bearer', expires_in: 32400 } },
    payouts: { status: 201, body: {} },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      seen.push({ method: req.method ?? '', path, headers: req.headers, body });
      const answer = path === '/v1/oauth2/token' ? answers.token : answers.payouts;
      if (answer === 'hang-up') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  return { server, seen, answers };
}

const fake = fakePaypal();
let base = '';
const START = '2026-03-01T10:00:00Z';
beforeAll(async () => {
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

describeEachDb('sending a PayPal batch through the Payouts API', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let seq = 0;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, every payee signs up from an address of its own (seq
  // runs on from test to test; the operator's session is made without the route), so the
  // sign-up limit per address never carries over, and the app asks PayPal for a new token at
  // every send, keeping none in memory.
  let shared: FastifyInstance;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(
      db(),
      {
        PAYPAL_CLIENT_ID: 'client-id',
        PAYPAL_CLIENT_SECRET: 'client-secret',
        PAYPAL_API_BASE: `${base}/`,
        SEPA_DEBTOR_NAME: 'Callbell',
        SEPA_DEBTOR_IBAN: 'DE02120300000000202051',
      },
      clock,
    );
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    fake.seen.length = 0;
    fake.answers.token = {
      status: 200,
      body: { access_token: 'A21AA-test-token', token_type: 'Bearer', expires_in: 32400 },
    };
    clock.set(START);
    app = shared;
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  /** A PayPal batch of approved payouts of these amounts; answers its id and the payouts. */
  async function batch(...cents: number[]) {
    return batchOf('paypal', ...cents);
  }
  async function batchOf(method: 'paypal' | 'bank_transfer', ...cents: number[]) {
    const made: { id: string; email: string; cents: number; user: TestUser }[] = [];
    for (const amountCents of cents) {
      const user = await signUp(app, { ip: `203.0.113.${++seq}` });
      await insertEntry(db(), {
        accountId: user.id,
        referralId: null,
        kind: 'commission',
        amountCents,
        state: 'available',
        sourceKey: `paypal-test:${seq}`,
        createdAt: clock.now(),
        availableAt: clock.now(),
      });
      const email = `payee${seq}@example.com`;
      const details =
        method === 'paypal'
          ? { method, email }
          : { method, iban: 'DE89 3704 0044 0532 0130 00', holderName: `Payee ${seq}` };
      const res = await as(app, user)({ method: 'POST', url: '/api/payouts', payload: details });
      expect(res.statusCode, res.body).toBe(201);
      await as(app, admin)({ method: 'POST', url: `/api/admin/payouts/${res.json().id}/approve` });
      made.push({ id: res.json().id, email, cents: amountCents, user });
    }
    const res = await as(
      app,
      admin,
    )({
      method: 'POST',
      url: '/api/admin/payout-batches',
      payload: { payoutIds: made.map((m) => m.id) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, made };
  }
  const send = (id: string) => as(app, admin)({ method: 'POST', url: `/api/admin/payout-batches/${id}/send` });
  const shown = async (id: string) =>
    (await as(app, admin)({ method: 'GET', url: `/api/admin/payout-batches/${id}` })).json();

  it('sends the batch with a token from the credentials, exact string amounts and the batch as its idempotency key', async () => {
    fake.answers.payouts = {
      status: 201,
      body: { batch_header: { payout_batch_id: 'PPBATCH123', batch_status: 'PENDING' }, links: [] },
    };
    const { id, made } = await batch(6010, 5005);
    const res = await send(id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'sent',
      sentAt: clock.now().toISOString(),
      providerBatchId: 'PPBATCH123',
      providerStatus: 'PENDING',
      lastError: null,
    });
    const [token, create] = fake.seen;
    expect(token).toMatchObject({ method: 'POST', path: '/v1/oauth2/token', body: 'grant_type=client_credentials' });
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from('client-id:client-secret').toString('base64')}`);
    expect(create).toMatchObject({ method: 'POST', path: '/v1/payments/payouts' });
    expect(create?.headers.authorization).toBe('Bearer A21AA-test-token');
    expect(create?.headers['paypal-request-id']).toBe(id);
    const body = JSON.parse(create?.body ?? '{}');
    expect(body.sender_batch_header).toMatchObject({ sender_batch_id: id, recipient_type: 'EMAIL' });
    expect(body.items).toEqual(
      made.map((m) => ({
        recipient_type: 'EMAIL',
        amount: { value: decimal(m.cents), currency: 'EUR' },
        receiver: m.email,
        note: `Callbell rewards payout ${m.id}`,
        sender_item_id: m.id,
      })),
    );
    // Sent is not paid: the operator marks it paid once PayPal has paid it; it cannot be cancelled.
    expect((await send(id)).json()).toMatchObject({ error: 'invalid_transition' });
    const cancel = await as(app, admin)({ method: 'POST', url: `/api/admin/payout-batches/${id}/cancel` });
    expect([cancel.statusCode, cancel.json().error]).toEqual([409, 'batch_sent']);
    const paid = await as(
      app,
      admin,
    )({
      method: 'POST',
      url: `/api/admin/payout-batches/${id}/paid`,
      payload: { reference: 'PPBATCH123' },
    });
    expect(paid.json()).toMatchObject({ state: 'paid', reference: 'PPBATCH123', providerBatchId: 'PPBATCH123' });
    const audit = (await as(app, admin)({ method: 'GET', url: '/api/admin/audit?action=batch' })).json();
    expect(audit.records.map((r: { action: string }) => r.action)).toEqual([
      'batch.paid',
      'batch.send',
      'batch.create',
    ]);
    expect(audit.records[1].details).toMatchObject({ method: 'paypal', providerBatchId: 'PPBATCH123' });
  });

  it('keeps the batch new, with PayPal’s reason, when PayPal refuses it; a later send goes through', async () => {
    fake.answers.payouts = {
      status: 400,
      body: {
        name: 'VALIDATION_ERROR',
        message: 'Invalid request - see details',
        debug_id: 'abc',
        details: [{ field: 'items[0].receiver', issue: 'Receiver is invalid or does not match with type' }],
      },
    };
    const { id } = await batch(6000);
    const res = await send(id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: 'paypal_refused',
      message:
        'PayPal refused the batch (400 VALIDATION_ERROR: Invalid request - see details (items[0].receiver: Receiver is invalid or does not match with type))',
    });
    expect(await shown(id)).toMatchObject({ state: 'created', lastError: res.json().message, providerBatchId: null });

    fake.answers.payouts = { status: 201, body: { batch_header: { payout_batch_id: 'PP2', batch_status: 'PENDING' } } };
    const again = await send(id);
    expect(again.json()).toMatchObject({ state: 'sent', providerBatchId: 'PP2', lastError: null });
  });

  it('says which credentials PayPal refused, and an unreachable PayPal is a 502 the batch survives', async () => {
    fake.answers.token = {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
    };
    const { id } = await batch(6000);
    const refused = await send(id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'PayPal refused the credentials in PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET (401 invalid_client: Client Authentication failed)',
    );
    expect(fake.seen.map((s) => s.path)).toEqual(['/v1/oauth2/token']);

    fake.answers.token = { status: 200, body: { access_token: 't' } };
    fake.answers.payouts = { status: 503, body: { name: 'SERVICE_UNAVAILABLE' } };
    const down = await send(id);
    expect([down.statusCode, down.json().error]).toEqual([502, 'paypal_unavailable']);
    fake.answers.payouts = 'hang-up';
    const gone = await send(id);
    expect([gone.statusCode, gone.json().error]).toEqual([502, 'paypal_unavailable']);
    expect(await shown(id)).toMatchObject({
      state: 'created',
      lastError: expect.stringContaining('could not be reached'),
    });
    // Still new: it can be cancelled, and its payouts go into another batch.
    const cancel = await as(app, admin)({ method: 'POST', url: `/api/admin/payout-batches/${id}/cancel` });
    expect(cancel.json()).toMatchObject({ state: 'cancelled' });
  });

  it('answers 409 with what to set when the API is not configured, and for a bank-transfer batch', async () => {
    const bare = await testApp(db(), {}, clock);
    try {
      const { id } = await batch(6000);
      const res = await as(bare, admin)({ method: 'POST', url: `/api/admin/payout-batches/${id}/send` });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error: 'paypal_not_configured',
        message: expect.stringContaining('set PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET'),
      });
      const list = await as(bare, admin)({ method: 'GET', url: '/api/admin/payout-batches' });
      expect(list.json()).toMatchObject({ paypalApi: false, sepa: { configured: false } });
    } finally {
      await bare.close();
    }
    const bank = await batchOf('bank_transfer', 6000);
    const res = await send(bank.id);
    expect([res.statusCode, res.json().error]).toEqual([409, 'not_paypal']);
    expect(fake.seen).toEqual([]);
  });
});

describe('PayPal configuration', () => {
  it('needs both credentials', async () => {
    const { loadConfig } = await import('../../src/config.ts');
    expect(() => loadConfig({ PAYPAL_CLIENT_ID: 'x' })).toThrow(/PAYPAL_CLIENT_SECRET: required with the other/);
    expect(loadConfig({}).payouts.paypal).toBeNull();
    expect(
      loadConfig({ PAYPAL_CLIENT_ID: 'a', PAYPAL_CLIENT_SECRET: 'b', PAYPAL_API_BASE: 'http://127.0.0.1:9/' }).payouts
        .paypal,
    ).toEqual({ clientId: 'a', clientSecret: 'b', apiBase: 'http://127.0.0.1:9' });
  });
});
