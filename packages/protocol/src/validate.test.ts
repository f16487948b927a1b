import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { pingSchema, widgetConfigSchema } from './schemas.ts';
import { parsePing, parseWidgetConfig, parseWidgetSettings } from './validate.ts';

const ping = {
  widgetId: 'wdg_abcdefgh1234',
  visitorId: 'V1StGXR8_Z5jdHi6B-myT',
  kind: 'install',
  url: 'https://shop.example.com/cart',
  sdkVersion: '0.1.0',
};

const config = {
  widgetId: 'wdg_abcdefgh1234',
  greeting: 'Hello',
  agent: { name: 'Ana', avatarUrl: null },
  appearance: { position: 'right', color: '#1b6ef3', label: null },
  channels: [
    { type: 'whatsapp', phone: '+34 600 123 456', text: 'Hi' },
    { type: 'email', address: 'a@b.co' },
  ],
  branding: { show: true, label: '⚡ by Callbell', href: 'https://callbell.eu/r/abcd1234?src=widget' },
};

type Case = [name: string, input: unknown, error: string | null];

const pingCases: Case[] = [
  ['a valid install ping', ping, null],
  ['a heartbeat reporting tampering', { ...ping, kind: 'heartbeat', brandingTampered: true }, null],
  ['a body that is not an object', 'hello', 'body must be an object'],
  ['an array body', [ping], 'body must be an object'],
  ['a missing widget id', { ...ping, widgetId: undefined }, 'widgetId must be a string'],
  ['a malformed widget id', { ...ping, widgetId: 'widget-1' }, 'widgetId is not in the expected format'],
  ['a visitor id too short', { ...ping, visitorId: 'abc' }, 'visitorId is not in the expected format'],
  ['an unknown kind', { ...ping, kind: 'boot' }, 'kind must be one of install, heartbeat'],
  ['a javascript: url', { ...ping, url: 'javascript:alert(1)' }, 'url must be an http(s) URL'],
  ['a relative url', { ...ping, url: '/cart' }, 'url must be an http(s) URL'],
  ['an oversized url', { ...ping, url: `https://a.co/${'x'.repeat(2100)}` }, 'url must be at most 2048 characters'],
  ['a non-boolean tamper flag', { ...ping, brandingTampered: 'yes' }, 'brandingTampered must be a boolean'],
  ['a bad sdk version', { ...ping, sdkVersion: '1 0' }, 'sdkVersion is not in the expected format'],
];

const configCases: Case[] = [
  ['a valid config', config, null],
  ['a config with every channel', { ...config, channels: everyChannel() }, null],
  [
    'a javascript: footer link',
    { ...config, branding: { ...config.branding, href: 'javascript:x' } },
    'branding.href must be an http(s) URL',
  ],
  [
    'a data: avatar',
    { ...config, agent: { name: 'A', avatarUrl: 'data:image/png;base64,AA' } },
    'agent.avatarUrl must be an http(s) URL',
  ],
  [
    'a named colour',
    { ...config, appearance: { ...config.appearance, color: 'red' } },
    'appearance.color is not in the expected format',
  ],
  [
    'a middle position',
    { ...config, appearance: { ...config.appearance, position: 'center' } },
    'appearance.position must be one of left, right',
  ],
  [
    'an unknown channel',
    { ...config, channels: [{ type: 'fax', number: '1' }] },
    'channels[0].type must be one of whatsapp, messenger, telegram, instagram, email, phone',
  ],
  [
    'a phone made of letters',
    { ...config, channels: [{ type: 'phone', number: 'call me' }] },
    'channels[0].number is not in the expected format',
  ],
  [
    'a phone with 5 digits',
    { ...config, channels: [{ type: 'phone', number: '+1 234-5' }] },
    'channels[0].number is not in the expected format',
  ],
  [
    'a phone with 16 digits',
    { ...config, channels: [{ type: 'whatsapp', phone: '1234567890123456' }] },
    'channels[0].phone is not in the expected format',
  ],
  [
    'an e-mail without a domain',
    { ...config, channels: [{ type: 'email', address: 'me@' }] },
    'channels[0].address is not in the expected format',
  ],
  [
    'too many channels',
    { ...config, channels: Array(11).fill(config.channels[0]) },
    'channels must have at most 10 items',
  ],
  [
    'branding.show as a string',
    { ...config, branding: { ...config.branding, show: 'true' } },
    'branding.show must be a boolean',
  ],
];

function everyChannel() {
  return [
    { type: 'whatsapp', phone: '+44 7700 900123' },
    { type: 'messenger', page: 'callbell.eu' },
    { type: 'telegram', username: 'callbell_support' },
    { type: 'instagram', username: 'call.bell' },
    { type: 'email', address: 'hello@callbell.eu', subject: 'Hi' },
    { type: 'phone', number: '(+34) 911-234-567' },
  ];
}

// The options Fastify's ajv will run with: strip unknown fields, channels by discriminator.
const ajv = new Ajv({ removeAdditional: true, discriminator: true });
const schemaAccepts = (schema: object, input: unknown) => ajv.validate(schema, structuredClone(input));

describe('parsePing', () => {
  it.each(pingCases)('%s', (_name, input, error) => {
    const result = parsePing(input);
    expect(result.ok ? null : result.error).toBe(error);
  });

  it('drops unknown fields and a false tamper flag', () => {
    const result = parsePing({ ...ping, extra: 1, brandingTampered: false });
    expect(result).toEqual({ ok: true, value: ping });
  });
});

describe('parseWidgetConfig', () => {
  it.each(configCases)('%s', (_name, input, error) => {
    const result = parseWidgetConfig(input);
    expect(result.ok ? null : result.error).toBe(error);
  });

  it('keeps only the known fields of a channel', () => {
    const result = parseWidgetConfig({
      ...config,
      channels: [{ type: 'telegram', username: 'callbell_bot', href: 'javascript:x' }],
    });
    expect(result.ok && result.value.channels).toEqual([{ type: 'telegram', username: 'callbell_bot' }]);
  });
});

describe('the JSON Schemas accept what the validators accept', () => {
  it.each(pingCases)('ping: %s', (_name, input, error) => {
    expect(schemaAccepts(pingSchema, input)).toBe(error === null);
  });
  it.each(configCases)('config: %s', (_name, input, error) => {
    expect(schemaAccepts(widgetConfigSchema, input)).toBe(error === null);
  });
});

describe('parseWidgetSettings', () => {
  const { widgetId: _id, branding: _branding, ...settings } = config;
  // Every config case but those about the id and the footer, applied to the settings alone.
  const settingsCases = configCases
    .filter(([, , error]) => !error?.startsWith('branding.') && !error?.startsWith('widgetId'))
    .filter(([name]) => !name.startsWith('branding'))
    .map(([name, input, error]): Case => {
      const { widgetId: _w, branding: _b, ...rest } = input as typeof config;
      return [name, rest, error];
    });

  it.each(settingsCases)('as in the config: %s', (_name, input, error) => {
    const result = parseWidgetSettings(input);
    expect(result.ok ? null : result.error).toBe(error);
  });

  it.each([
    ['a body that is not an object', 'x', 'settings must be an object'],
    ['a missing greeting', { ...settings, greeting: undefined }, 'greeting must be a string'],
    ['a greeting too long', { ...settings, greeting: 'x'.repeat(501) }, 'greeting must be at most 500 characters'],
    ['a missing agent', { ...settings, agent: undefined }, 'agent must be an object'],
    [
      'an agent name too long',
      { ...settings, agent: { name: 'x'.repeat(81) } },
      'agent.name must be at most 80 characters',
    ],
    ['channels as an object', { ...settings, channels: {} }, 'channels must be an array'],
    [
      'a label too long',
      { ...settings, appearance: { ...settings.appearance, label: 'x'.repeat(41) } },
      'appearance.label must be at most 40 characters',
    ],
  ])('refuses %s', (_name, input, error) => {
    const result = parseWidgetSettings(input);
    expect(result.ok ? null : result.error).toBe(error);
  });

  it('keeps only the settings: no id, no footer, no unknown field', () => {
    const result = parseWidgetSettings({ ...config, extra: 1, agent: { name: 'Ana' } });
    expect(result).toEqual({ ok: true, value: { ...settings, agent: { name: 'Ana', avatarUrl: null } } });
  });

  it('accepts exactly the settings a valid config carries', () => {
    const result = parseWidgetConfig({ ...config, channels: everyChannel() });
    if (!result.ok) throw new Error(result.error);
    expect(parseWidgetSettings(result.value)).toMatchObject({ ok: true, value: { channels: everyChannel() } });
  });
});
