import type { paypalPayoutRequest } from '../domain/paypal-batch.ts';

/**
 * The PayPal Payouts API, as far as a batch needs it: an OAuth token from the client credentials,
 * then one create-batch call. Plain fetch with time-outs; `PAYPAL_API_BASE` points it at the
 * sandbox, or at a local server in tests.
 */

export interface PaypalConfig {
  clientId: string;
  clientSecret: string;
  apiBase: string;
}

/**
 * What went wrong: `refused`, PayPal answered with a 4xx (bad credentials, a batch it will not
 * take), which sending again will not fix; `unavailable`, it could not be reached or failed
 * (5xx, a time-out), and sending the same batch again is safe (PayPal pays a
 * sender_batch_id once).
 */
export class PaypalError extends Error {
  constructor(
    readonly kind: 'refused' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

type Fetch = typeof fetch;

/** PayPal's error body in a sentence: its name, message and the first details it gives. */
function describeError(status: number, body: unknown): string {
  const b = (body ?? {}) as {
    name?: unknown;
    message?: unknown;
    error?: unknown;
    error_description?: unknown;
    details?: { field?: unknown; issue?: unknown; description?: unknown }[];
  };
  const name = typeof b.name === 'string' ? b.name : typeof b.error === 'string' ? b.error : null;
  const message =
    typeof b.message === 'string' ? b.message : typeof b.error_description === 'string' ? b.error_description : null;
  const details = Array.isArray(b.details)
    ? b.details
        .slice(0, 3)
        .map((d) => [d.field, d.issue ?? d.description].filter((x) => typeof x === 'string').join(': '))
        .filter(Boolean)
    : [];
  const head = [String(status), name].filter(Boolean).join(' ');
  return `${head}${message ? `: ${message}` : ''}${details.length ? ` (${details.join('; ')})` : ''}`.slice(0, 500);
}

async function call(fetchImpl: Fetch, url: string, init: RequestInit, what: string) {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new PaypalError('unavailable', `PayPal could not be reached for ${what}: ${(err as Error).message}`);
  }
  const body: unknown = await res.json().catch(() => null);
  return { res, body };
}

/**
 * Sends a batch to the Payouts API and answers PayPal's id and status for it. `requestId` goes
 * in PayPal-Request-Id, so a send repeated after a lost answer gets the first answer back
 * rather than a second batch.
 */
export async function createPaypalPayout(
  cfg: PaypalConfig,
  body: ReturnType<typeof paypalPayoutRequest>,
  requestId: string,
  fetchImpl: Fetch = fetch,
): Promise<{ batchId: string; status: string }> {
  const basic = Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString('base64');
  const token = await call(
    fetchImpl,
    `${cfg.apiBase}/v1/oauth2/token`,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    },
    'a token',
  );
  const accessToken = (token.body as { access_token?: unknown } | null)?.access_token;
  if (!token.res.ok || typeof accessToken !== 'string') {
    const why = describeError(token.res.status, token.body);
    if (token.res.status >= 400 && token.res.status < 500) {
      throw new PaypalError(
        'refused',
        `PayPal refused the credentials in PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET (${why})`,
      );
    }
    throw new PaypalError('unavailable', `PayPal did not give a token (${why})`);
  }
  const created = await call(
    fetchImpl,
    `${cfg.apiBase}/v1/payments/payouts`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'paypal-request-id': requestId,
      },
      body: JSON.stringify(body),
    },
    'the batch',
  );
  const header = (created.body as { batch_header?: { payout_batch_id?: unknown; batch_status?: unknown } } | null)
    ?.batch_header;
  if (created.res.ok && typeof header?.payout_batch_id === 'string') {
    return {
      batchId: header.payout_batch_id,
      status: typeof header.batch_status === 'string' ? header.batch_status : 'PENDING',
    };
  }
  const why = describeError(created.res.status, created.body);
  if (created.res.status >= 400 && created.res.status < 500) {
    throw new PaypalError('refused', `PayPal refused the batch (${why})`);
  }
  throw new PaypalError('unavailable', `PayPal did not take the batch (${why})`);
}
