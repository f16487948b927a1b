import fc from 'fast-check';
import { brokenUrlPart, deepJson, hostileString, hostileValue, toJsonText, urlPart } from './hostile.ts';
import { fromSchema, type Known, withOneHostile } from './inputs.ts';
import type { FuzzRoute, Method } from './routes.ts';
import { stripeEvents } from './stripe.ts';

/** Who sends a request: nobody, a signed-in user, or the operator. */
export type Who = 'anonymous' | 'user' | 'operator';

/** One request, as generated: everything `inject` needs, and who sends it. */
export interface FuzzRequest {
  who: Who;
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Sign the payload as Stripe would (a route that takes a Stripe-Signature header). */
  sign: boolean;
  remoteAddress: string;
}

/** What a request may carry that only the test knows: an API key for the statistics API. */
export interface Secrets {
  apiKey: string;
}

/** Header values as HTTP carries them: Latin-1 without control characters. */
const headerText = (value: unknown): string =>
  (typeof value === 'string' ? value : toJsonText(value)).replace(/[^\t\x20-\x7e\xa0-\xff]/g, '?').slice(0, 4000);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  'application/octet-stream',
  'application/vnd.api+json',
  '',
  ';;;',
];

/** Bodies that are not the JSON of any value: broken, empty, or a value where an object goes. */
const BROKEN_BODIES = [
  '',
  '{',
  '}',
  '[',
  'null',
  '[]',
  '"\\ud800"',
  '{"a":1,"a":2}',
  '{"__proto__":{"x":1}}',
  '\u0000',
  'x'.repeat(70_000),
];

/** A path segment where the router takes anything (`*`). */
const wildcard = fc
  .array(
    fc.oneof(
      fc.constantFrom('widget', 'rewards', 'admin', 'index.html', 'assets', '..', '.', ''),
      hostileString.map(urlPart),
      brokenUrlPart,
    ),
    { maxLength: 3 },
  )
  .map((parts) => parts.join('/'));

const whoFor = (url: string): fc.Arbitrary<Who> =>
  url.startsWith('/api/admin')
    ? fc.constantFrom<Who>('operator', 'operator', 'operator', 'operator', 'user', 'anonymous')
    : url.startsWith('/api/')
      ? fc.constantFrom<Who>('user', 'user', 'user', 'user', 'operator', 'anonymous')
      : fc.constantFrom<Who>('anonymous', 'anonymous', 'anonymous', 'user');

/** Requests for one route, from what the route declares, with the values the test knows. */
export function requestsFor(route: FuzzRoute, known: Known, secrets: Secrets): fc.Arbitrary<FuzzRequest> {
  const ids = known['*'] ?? [];
  // A path parameter: mostly an id the app showed (one its pattern fits, where it has one).
  const param = (name: string, schema: FuzzRoute['params'][number]['schema']) => {
    const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
    const fitting = ids.filter((id) => !pattern || pattern.test(id));
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(fitting.length ? fitting : ids.length ? ids : ['x'])) },
      { weight: 1, arbitrary: fromSchema(schema, known, name).map(urlPart) },
      { weight: 1, arbitrary: brokenUrlPart },
    );
  };
  const path = fc.tuple(
    ...route.url
      .split('/')
      .map((part) =>
        part === '*'
          ? wildcard
          : part.startsWith(':')
            ? param(part.slice(1), route.params.find((p) => p.name === part.slice(1))?.schema ?? {})
            : fc.constant(part),
      ),
  );
  const declared = route.query.map((q) =>
    fc.option(
      fc.oneof(
        fromSchema(q.schema, known, q.name).map((v) => `${q.name}=${urlPart(v)}`),
        brokenUrlPart.map((b) => `${q.name}=${b}`),
      ),
      { freq: q.required ? 10 : 2 },
    ),
  );
  const extraQuery = fc.option(
    fc.oneof(
      fc
        .tuple(fc.constantFrom('__proto__', 'constructor[prototype]', 'a[b]', 'x'), hostileString)
        .map(([k, v]) => `${k}=${urlPart(v)}`),
      route.query.length
        ? fc.constantFrom(...route.query.map((q) => q.name)).map((name) => `${name}=1&${name}=2`) // one parameter twice
        : fc.constant('&&=&'),
    ),
    { freq: 3 },
  );
  const query = fc.tuple(fc.tuple(...declared), extraQuery).map(([parts, extra]) => {
    const all = [...parts, extra].filter((p): p is string => p !== null);
    return all.length ? `?${all.join('&')}` : '';
  });

  const headerParams = fc.tuple(
    ...route.headers.map((h) =>
      fc.option(
        fromSchema(h.schema, known, h.name).map((v) => [h.name, headerText(v)] as const),
        { freq: 5 },
      ),
    ),
  );
  /** A header now and then, so that most requests keep their session and their key. */
  const sometimes = (name: string, value: fc.Arbitrary<string>) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: value.map((v) => [name, v] as const) },
    );
  const extraHeaders = fc.tuple(
    sometimes(
      'accept',
      fc.constantFrom('application/json', 'text/csv', 'text/html', '*/*', 'text/csv, application/json', ';q=x'),
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(['authorization', `Bearer ${secrets.apiKey}`] as const) },
      { weight: 2, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            fc.constantFrom(
              `bearer ${secrets.apiKey}x`,
              'Bearer cbk_x_y',
              'Basic Zm9vOmJhcg==',
              'Bearer ',
              'Bearer cbk_',
            ),
            hostileString.map((s) => `Bearer ${headerText(s)}`),
          )
          .map((v) => ['authorization', v] as const),
      },
    ),
    sometimes(
      'cookie',
      fc.oneof(
        fc.constantFrom(
          'cb_session=garbage',
          'cb_session=',
          'cb_ref=x.y',
          'cb_session=s%3Aabc.def; cb_session=x',
          '=;=;',
        ),
        hostileString.map((s) => `cb_session=${headerText(s)}`),
      ),
    ),
    sometimes('x-csrf-token', hostileString.map(headerText)),
    sometimes('origin', fc.constantFrom('https://evil.test', 'null', 'https://app.callbell.test')),
    sometimes('x-forwarded-for', fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1', '')),
    sometimes('accept-language', hostileString.map(headerText)),
    sometimes('if-none-match', fc.constantFrom('*', '"x"', 'W/"abc"', '')),
    sometimes('access-control-request-method', fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'X')),
    sometimes('range', fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=99999999-', 'lines=1')),
  );

  const takesBody = route.method !== 'GET' && route.method !== 'HEAD';
  // The Stripe webhook declares no body (its bytes are what is signed): it gets Stripe's events.
  const signed = route.headers.some((h) => h.name === 'stripe-signature');
  const value = signed
    ? fc.oneof({ weight: 8, arbitrary: withOneHostile(stripeEvents(known.accountId ?? [])) }, hostileValue)
    : route.body
      ? fromSchema(route.body, known)
      : hostileValue;
  const body = takesBody
    ? fc.option(
        fc.oneof(
          { weight: 8, arbitrary: value.map(toJsonText) },
          { weight: 1, arbitrary: fc.constantFrom(...BROKEN_BODIES) },
          { weight: 1, arbitrary: fc.constantFrom(deepJson(10_000, 'object').text, deepJson(100_000, 'array').text) },
        ),
        { freq: route.body || signed ? 12 : 2 },
      )
    : fc.constant(null);
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant('application/json') },
    fc.constantFrom(...CONTENT_TYPES),
  );
  // Mostly the route's own method; now and then HEAD for a GET, or a CORS preflight.
  const method = fc.oneof(
    { weight: 10, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constant<Method>(route.method === 'GET' ? 'HEAD' : route.method) },
    { weight: 1, arbitrary: fc.constant<Method>('OPTIONS') },
  );

  return fc
    .record({
      who: whoFor(route.url),
      method,
      path,
      query,
      headerParams,
      extraHeaders,
      body,
      contentType,
      sign: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
      remoteAddress: fc.oneof(fc.ipV4(), fc.ipV6()),
    })
    .map((r) => {
      const headers: Record<string, string> = {};
      for (const h of [...r.extraHeaders, ...r.headerParams]) if (h) headers[h[0]] = h[1];
      if (r.body !== null) headers['content-type'] = r.contentType;
      return {
        who: r.who,
        method: r.method,
        url: `${r.path.join('/') || '/'}${r.query}`,
        headers,
        ...(r.body !== null ? { payload: r.body } : {}),
        sign: r.sign && signed,
        remoteAddress: r.remoteAddress,
      };
    });
}
