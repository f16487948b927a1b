import { channelSchema, isWidgetId, LIMITS, WIDGET_ID_RE, widgetConfigSchema } from '@callbell/protocol';
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { SessionAccount } from '../../db/queries/accounts.ts';
import { installCheckOf } from '../../db/queries/install-checks.ts';
import {
  findOwnerWidget,
  insertOwnerWidget,
  listOwnerWidgets,
  type OwnerWidget,
  updateOwnerWidget,
} from '../../db/queries/owner-widgets.ts';
import { installStatus } from '../../db/queries/pings.ts';
import { DEFAULT_WIDGET_SETTINGS } from '../../domain/default-widget.ts';
import { explainInstall, INSTALL_STATES } from '../../domain/install-status.ts';
import { CHECK_STATES, explainVerification } from '../../domain/install-verification.ts';
import { randomToken } from '../../domain/secrets.ts';
import { buildWidgetConfig } from '../../domain/widget-config.ts';
import {
  applySettings,
  hideBrandingRefusal,
  MAX_ALLOWED_DOMAINS,
  MAX_WIDGETS_PER_ACCOUNT,
  parseWidgetChange,
  type WidgetChange,
} from '../../domain/widget-settings.ts';
import { HttpError } from '../../errors.ts';
import { signedIn } from '../../plugins/auth.ts';
import { dateTimeSchema, errors, nullableDateTimeSchema } from './schemas.ts';

// ---- Schemas. The response schema is the allowlist of what an owner's widget shows. ----

const nullableString = { type: ['string', 'null'] } as const;

/** Every field any channel has: the channels were validated on the way in, this only allowlists. */
const channelOut = {
  type: 'object',
  required: ['type'],
  properties: Object.fromEntries(
    ['type', 'phone', 'text', 'page', 'username', 'address', 'subject', 'number'].map((k) => [k, { type: 'string' }]),
  ),
} as const;

const widgetSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    greeting: { type: 'string' },
    agent: { type: 'object', properties: { name: { type: 'string' }, avatarUrl: nullableString } },
    appearance: {
      type: 'object',
      properties: { position: { type: 'string' }, color: { type: 'string' }, label: nullableString },
    },
    channels: { type: 'array', items: channelOut },
    hideBranding: { type: 'boolean', description: 'the owner’s choice; only a paid plan hides the footer' },
    allowedDomains: { type: 'array', items: { type: 'string' } },
    branding: {
      type: 'object',
      description: 'the footer the public config shows right now',
      properties: { show: { type: 'boolean' }, label: { type: 'string' }, href: { type: 'string' } },
    },
    snippet: { type: 'string', description: 'the tag to paste into the site' },
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
    install: {
      type: 'object',
      properties: {
        qualified: { type: 'boolean' },
        qualifiedAt: nullableDateTimeSchema,
        qualifiedOrigin: nullableString,
        lastPingAt: nullableDateTimeSchema,
      },
    },
  },
} as const;

const { $id: _channelId, ...channelDoc } = channelSchema;
const { greeting, agent, appearance } = widgetConfigSchema.properties;
/** Documents the change (OpenAPI); domain/widget-settings.ts parseWidgetChange enforces it. */
const changeDoc = {
  type: 'object',
  additionalProperties: false,
  properties: {
    greeting,
    agent,
    appearance,
    channels: { type: 'array', maxItems: LIMITS.channels, items: channelDoc },
    allowedDomains: {
      type: 'array',
      maxItems: MAX_ALLOWED_DOMAINS,
      description: 'hosts pings may come from (empty: any): shop.example.com, or *.example.com for its subdomains',
      items: { type: 'string' },
    },
    hideBranding: { type: 'boolean', description: 'hide the footer (Pro and Business plans)' },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: WIDGET_ID_RE.source } },
} as const;

const installSchema = {
  type: 'object',
  properties: {
    widgetId: { type: 'string' },
    state: { type: 'string', enum: [...INSTALL_STATES] },
    qualified: { type: 'boolean' },
    explanation: { type: 'string' },
    nextStep: nullableString,
    minVisitors: { type: 'integer' },
    qualifiedAt: nullableDateTimeSchema,
    qualifiedOrigin: nullableString,
    lastPingAt: nullableDateTimeSchema,
    verification: {
      type: 'object',
      description: 'whether the page the widget qualified on was found carrying its snippet',
      required: ['state', 'explanation', 'nextStep', 'attempts', 'checkedUrl', 'foundUrl', 'checkedAt', 'nextCheckAt'],
      properties: {
        state: { type: 'string', enum: ['not_checked', ...CHECK_STATES] },
        explanation: { type: 'string' },
        nextStep: nullableString,
        attempts: { type: 'integer', description: 'tries so far (four at most)' },
        checkedUrl: { ...nullableString, description: 'the page the last try fetched' },
        foundUrl: { ...nullableString, description: 'the page found carrying the snippet' },
        checkedAt: nullableDateTimeSchema,
        nextCheckAt: nullableDateTimeSchema,
      },
    },
    origins: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          origin: { type: 'string' },
          publicOrigin: { type: 'boolean' },
          allowed: { type: 'boolean' },
          visitors: {
            type: 'integer',
            description: 'distinct visitors counted toward qualification; counting stops once the widget qualifies',
          },
          networks: { type: 'integer', description: 'distinct networks counted toward qualification' },
          lastSeenOn: { type: 'string', format: 'date', description: 'the last UTC day a visitor was seen here' },
          visitorDays30d: {
            type: 'integer',
            description: 'visitor-days in the last 30 days (a visitor seen on three days counts three)',
          },
        },
      },
    },
  },
} as const;

/**
 * The widget id in the path must be well-formed (400); the body goes through the domain's
 * parser, whose messages name the bad field, as the pings route does with the protocol's.
 */
const changeValidator =
  (requireSome: boolean): FastifySchemaCompiler<FastifySchema> =>
  ({ httpPart }) =>
  (data: unknown) => {
    if (httpPart === 'params') {
      const id = (data as { id?: unknown }).id;
      return isWidgetId(id)
        ? { value: data }
        : { error: new HttpError(400, 'invalid_request', 'id is not a widget id') };
    }
    const result = parseWidgetChange(data, requireSome);
    return result.ok ? { value: result.value } : { error: new HttpError(400, 'invalid_widget', result.error) };
  };

const BODY_LIMIT = 16 * 1024;

// ---- Routes ----

/**
 * /api/widgets: an owner's widgets: list, create, read, change, and their installation status.
 * Another account's widget answers 404, exactly as one that does not exist.
 */
export default async function widgetRoutes(app: FastifyInstance) {
  const { db, clock, config } = app;
  const { publicOrigin } = config;
  const show = (w: OwnerWidget) => presentWidget(w, publicOrigin);
  // onRequest: an anonymous or forged request is refused before its body is even read.
  const auth = { onRequest: app.requireUser };

  app.get(
    '/api/widgets',
    {
      ...auth,
      schema: {
        summary: "The account's widgets, with their snippet, footer and installation",
        tags: ['widgets'],
        response: {
          200: { type: 'object', properties: { widgets: { type: 'array', items: widgetSchema } } },
          ...errors(401),
        },
      },
    },
    async (req) => ({ widgets: (await listOwnerWidgets(db, signedIn(req).id)).map(show) }),
  );

  app.post<{ Body: WidgetChange }>(
    '/api/widgets',
    {
      ...auth,
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: `Create a widget (default settings for what is not sent; at most ${MAX_WIDGETS_PER_ACCOUNT})`,
        tags: ['widgets'],
        body: changeDoc,
        response: { 201: widgetSchema, ...errors(400, 401, 403, 409, 413) },
      },
      validatorCompiler: changeValidator(false),
    },
    async (req, reply) => {
      const account = signedIn(req);
      refuseHiddenFooter(account, req.body);
      const widget = await insertOwnerWidget(
        db,
        {
          id: `wdg_${randomToken(12)}`,
          accountId: account.id,
          settings: applySettings(DEFAULT_WIDGET_SETTINGS, req.body),
          hideBranding: req.body.hideBranding ?? false,
          allowedDomains: req.body.allowedDomains ?? [],
          now: clock.now(),
        },
        MAX_WIDGETS_PER_ACCOUNT,
      );
      if (!widget) {
        throw new HttpError(409, 'widget_limit', `An account can have at most ${MAX_WIDGETS_PER_ACCOUNT} widgets`);
      }
      app.pings.forget(widget.id); // an unknown-widget answer cached from before must not linger
      return reply.code(201).send(show(widget));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/widgets/:id',
    {
      ...auth,
      schema: {
        summary: 'One of the account’s widgets',
        tags: ['widgets'],
        params: idParams,
        response: { 200: widgetSchema, ...errors(400, 401, 404) },
      },
    },
    async (req) => show(await ownWidget(req.params.id, signedIn(req))),
  );

  app.patch<{ Params: { id: string }; Body: WidgetChange }>(
    '/api/widgets/:id',
    {
      ...auth,
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'Change a widget: the fields sent replace the stored ones',
        description:
          'Takes effect in the public config at once (its ETag changes; caches keep the old one up to its max-age of ' +
          '60 s). New allowed domains apply to pings on this instance at once, on other instances within 60 s.',
        tags: ['widgets'],
        params: idParams,
        body: changeDoc,
        response: { 200: widgetSchema, ...errors(400, 401, 403, 404, 413) },
      },
      validatorCompiler: changeValidator(true),
    },
    async (req) => {
      const account = signedIn(req);
      refuseHiddenFooter(account, req.body);
      const { allowedDomains, hideBranding, ...settings } = req.body;
      const update = { settings, hideBranding, allowedDomains, now: clock.now() };
      const widget = await updateOwnerWidget(db, account.id, req.params.id, update);
      if (!widget) throw notFound(req.params.id);
      app.pings.forget(widget.id);
      return show(widget);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/widgets/:id/install',
    {
      ...auth,
      schema: {
        summary: 'Whether the widget counts as installed, and why or why not',
        tags: ['widgets'],
        params: idParams,
        response: { 200: installSchema, ...errors(400, 401, 404) },
      },
    },
    async (req) => {
      const widget = await ownWidget(req.params.id, signedIn(req));
      const facts = await installStatus(db, widget.id, clock.now());
      if (!facts) throw notFound(widget.id); // deleted in between
      const minVisitors = config.programme.qualifyMinVisitors;
      const minNetworks = config.programme.qualifyMinNetworks;
      const explained = explainInstall(facts, { minVisitors, minNetworks, allowedDomains: widget.allowedDomains });
      const check = await installCheckOf(db, widget.id);
      const verification = {
        ...explainVerification(check, facts.qualifiedAt !== null),
        attempts: check?.attempts ?? 0,
        checkedUrl: check?.checkedUrl ?? null,
        foundUrl: check?.foundUrl ?? null,
        checkedAt: check?.lastAttemptAt ?? null,
        nextCheckAt: check?.state === 'checking' ? check.nextAttemptAt : null,
      };
      return { widgetId: widget.id, minVisitors, ...facts, ...explained, verification };
    },
  );

  async function ownWidget(id: string, account: SessionAccount): Promise<OwnerWidget> {
    const widget = await findOwnerWidget(db, account.id, id);
    if (!widget) throw notFound(id);
    return widget;
  }
}

const notFound = (id: string) => new HttpError(404, 'unknown_widget', `No widget ${id}`);

function refuseHiddenFooter(account: SessionAccount, change: WidgetChange) {
  const refusal = change.hideBranding ? hideBrandingRefusal(account.plan) : null;
  if (refusal) throw new HttpError(403, 'plan_required', refusal);
}

/** The paste-in tag; the widget finds its id in data-widget-id. */
export const snippetFor = (publicOrigin: string, widgetId: string) =>
  `<script src="${publicOrigin}/widget.js" data-widget-id="${widgetId}" async></script>`;

function presentWidget(w: OwnerWidget, publicOrigin: string) {
  return {
    id: w.id,
    ...w.settings,
    hideBranding: w.hideBranding,
    allowedDomains: w.allowedDomains,
    branding: buildWidgetConfig(w, publicOrigin).branding,
    snippet: snippetFor(publicOrigin, w.id),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    install: {
      qualified: w.qualifiedAt !== null,
      qualifiedAt: w.qualifiedAt,
      qualifiedOrigin: w.qualifiedOrigin,
      lastPingAt: w.lastPingAt,
    },
  };
}
