import { CHANNEL_PATTERNS } from './channels.ts';
import { VISITOR_ID_RE, WIDGET_ID_RE } from './ids.ts';
import { COLOR_RE, HTTP_URL_RE, LIMITS, SDK_VERSION_RE } from './validate.ts';

/*
 * JSON Schemas of the wire contract, for the server's route schemas and its OpenAPI document.
 * They accept exactly what the hand-written validators in validate.ts accept (a test holds the
 * two together); the widget uses the validators, which are smaller than a schema engine.
 */

const string = (maxLength: number, pattern?: RegExp | string) => ({
  type: 'string',
  maxLength,
  ...(pattern ? { pattern: typeof pattern === 'string' ? pattern : pattern.source } : {}),
});
// JSON Schema patterns have no flags, so the case-insensitive scheme is spelled out.
const httpUrl = string(LIMITS.url, HTTP_URL_RE.source.replace('https?', '[Hh][Tt][Tt][Pp][Ss]?'));
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] });

const channelVariant = (type: string, required: Record<string, object>, optional: Record<string, object> = {}) => ({
  type: 'object',
  required: ['type', ...Object.keys(required)],
  additionalProperties: false,
  properties: { type: { const: type }, ...required, ...optional },
});

const p = CHANNEL_PATTERNS;
/**
 * Channels are told apart by `type` (an OpenAPI/ajv discriminator): without it, ajv's
 * removeAdditional strips fields while trying the wrong branch of the oneOf. Validating this
 * schema needs ajv's `discriminator: true` option.
 */
export const channelSchema = {
  $id: 'Channel',
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: [
    channelVariant('whatsapp', { phone: string(32, p.phone) }, { text: string(LIMITS.channelText) }),
    channelVariant('messenger', { page: string(50, p.messengerPage) }),
    channelVariant('telegram', { username: string(32, p.telegramUser) }),
    channelVariant('instagram', { username: string(30, p.instagramUser) }),
    channelVariant('email', { address: string(254, p.email) }, { subject: string(LIMITS.channelText) }),
    channelVariant('phone', { number: string(32, p.phone) }),
  ],
} as const;

export const widgetConfigSchema = {
  $id: 'WidgetConfig',
  type: 'object',
  required: ['widgetId', 'greeting', 'agent', 'appearance', 'channels', 'branding'],
  properties: {
    widgetId: string(37, WIDGET_ID_RE),
    greeting: string(LIMITS.greeting),
    agent: {
      type: 'object',
      required: ['name'],
      properties: { name: string(LIMITS.agentName), avatarUrl: nullable(httpUrl) },
    },
    appearance: {
      type: 'object',
      required: ['position', 'color'],
      properties: {
        position: { enum: ['left', 'right'] },
        color: string(7, COLOR_RE),
        label: nullable(string(LIMITS.label)),
      },
    },
    channels: { type: 'array', maxItems: LIMITS.channels, items: channelSchema },
    branding: {
      type: 'object',
      required: ['show', 'label', 'href'],
      properties: { show: { type: 'boolean' }, label: string(LIMITS.label), href: httpUrl },
    },
  },
} as const;

export const pingSchema = {
  $id: 'Ping',
  type: 'object',
  required: ['widgetId', 'visitorId', 'kind', 'url', 'sdkVersion'],
  properties: {
    widgetId: string(37, WIDGET_ID_RE),
    visitorId: string(32, VISITOR_ID_RE),
    kind: { enum: ['install', 'heartbeat'] },
    url: httpUrl,
    sdkVersion: string(LIMITS.sdkVersion, SDK_VERSION_RE),
    brandingTampered: { type: 'boolean' },
  },
} as const;

export const apiErrorSchema = {
  $id: 'ApiError',
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;
