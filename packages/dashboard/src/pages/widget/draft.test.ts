import { parseWidgetConfig } from '@callbell/protocol';
import { describe, expect, it } from 'vitest';
import {
  changeOf,
  type Draft,
  domainProblem,
  draftConfig,
  draftOf,
  fieldOf,
  type OwnerWidget,
  previewConfig,
  rebase,
  tidyDomain,
  validate,
  widgetOf,
} from './draft.ts';

const WIDGET: OwnerWidget = widgetOf({
  id: 'wdg_test00000001',
  greeting: 'Hi there!',
  agent: { name: 'Support', avatarUrl: null },
  appearance: { position: 'right', color: '#1b6ef3', label: null },
  channels: [
    { type: 'whatsapp', phone: '+34 612 345 678' },
    { type: 'email', address: 'hello@acme.shop', subject: 'Hello' },
  ],
  hideBranding: false,
  allowedDomains: ['acme.shop'],
  branding: {
    show: true,
    label: '⚡ by Callbell',
    href: 'http://localhost:3000/r/anacode1?src=widget&w=wdg_test00000001',
  },
  snippet: '<script src="http://localhost:3000/widget.js" data-widget-id="wdg_test00000001" async></script>',
  createdAt: '2026-11-01T10:00:00.000Z',
  install: { qualified: false, qualifiedAt: null, qualifiedOrigin: null, lastPingAt: null },
});

let n = 0;
const fresh = (): Draft => draftOf(WIDGET, () => `k${n++}`);

describe('changeOf', () => {
  it('is empty for an untouched draft, and holds only the fields that differ', () => {
    const d = fresh();
    expect(changeOf(WIDGET, d)).toEqual({});
    expect(changeOf(WIDGET, { ...d, greeting: 'Hello!' })).toEqual({ greeting: 'Hello!' });
    expect(changeOf(WIDGET, { ...d, label: '  Chat  ', color: '#ff0000' })).toEqual({
      appearance: { position: 'right', color: '#ff0000', label: 'Chat' },
    });
  });

  it('sends the whole channel list, with empty optional fields left out and @ dropped', () => {
    const d = fresh();
    const channels = [
      ...d.channels,
      { key: 'x', type: 'telegram' as const, values: { username: '@acme_support' } },
      { key: 'y', type: 'whatsapp' as const, values: { phone: ' +1 555 0100 ', text: '' } },
    ];
    expect(changeOf(WIDGET, { ...d, channels }).channels).toEqual([
      { type: 'whatsapp', phone: '+34 612 345 678' },
      { type: 'email', address: 'hello@acme.shop', subject: 'Hello' },
      { type: 'telegram', username: 'acme_support' },
      { type: 'whatsapp', phone: '+1 555 0100' },
    ]);
  });

  it('sends domains and the footer choice when they change', () => {
    const d = fresh();
    expect(changeOf(WIDGET, { ...d, allowedDomains: [], hideBranding: true })).toEqual({
      allowedDomains: [],
      hideBranding: true,
    });
  });
});

describe('rebase', () => {
  it('keeps what was edited during a save, takes the stored copy of the rest, and the row keys', () => {
    const sent = { ...fresh(), greeting: 'Hola', allowedDomains: ['Shop.example.com'] };
    const current = { ...sent, agentName: 'Support team' };
    // The server tidied the domain; its draft has fresh row keys.
    const stored = { ...fresh(), greeting: 'Hola', allowedDomains: ['shop.example.com'] };
    const next = rebase(sent, current, stored);
    expect(next).toEqual({ ...stored, agentName: 'Support team', channels: sent.channels });
    expect(next.channels.map((c) => c.key)).toEqual(sent.channels.map((c) => c.key));
    // A channel edited meanwhile stays as typed.
    const typed = sent.channels.map((c, i) => (i === 0 ? { ...c, values: { ...c.values, phone: '+34 6' } } : c));
    expect(rebase(sent, { ...sent, channels: typed }, stored).channels).toBe(typed);
  });
});

describe('validate', () => {
  it('finds nothing wrong with a stored widget', () => {
    expect(validate(fresh())).toEqual({});
  });

  it('puts each bad field’s error on that field, all at once, in words', () => {
    const d = fresh();
    const [wa, mail] = d.channels as [Draft['channels'][0], Draft['channels'][0]];
    const errors = validate({
      ...d,
      color: 'blue',
      avatarUrl: 'ftp://x',
      channels: [
        { ...wa, values: { phone: '12', text: '' } },
        { ...mail, values: { address: 'nope', subject: '' } },
      ],
    });
    expect(errors).toEqual({
      'appearance.color': 'Enter # and six hex digits, e.g. #1b6ef3',
      'agent.avatarUrl': 'Enter a full web address starting with https://',
      [`channel:${wa.key}.phone`]: 'Enter 6 to 15 digits with the country code, e.g. +34 612 345 678',
      [`channel:${mail.key}.address`]: 'Enter an e-mail address such as hello@acme.shop',
    });
  });

  it('says how long text may be', () => {
    expect(validate({ ...fresh(), greeting: 'x'.repeat(501) })).toEqual({ greeting: 'Use at most 500 characters' });
  });
});

describe('fieldOf', () => {
  it('maps the server’s messages to the field they name', () => {
    const d = fresh();
    const key = d.channels[1]?.key;
    expect(fieldOf('greeting must be at most 500 characters', d)).toBe('greeting');
    expect(fieldOf('agent.avatarUrl must be an http(s) URL', d)).toBe('agent.avatarUrl');
    expect(fieldOf('channels[1].address is not in the expected format', d)).toBe(`channel:${key}.address`);
    expect(fieldOf('channels[1].type must be one of whatsapp, …', d)).toBe(`channel:${key}`);
    expect(fieldOf('channels must have at most 10 items', d)).toBe('channels');
    expect(fieldOf('allowedDomains[0] "acme shop" is not a host name', d)).toBe('domain:acme.shop');
    expect(fieldOf('allowedDomains must have at most 20 entries', d)).toBe('allowedDomains');
    expect(fieldOf('body must be an object', d)).toBeNull();
  });
});

describe('domains', () => {
  it('tidies a pasted address and refuses what cannot be a host', () => {
    expect(tidyDomain(' HTTPS://Shop.Example.com/path ')).toBe('shop.example.com');
    expect(domainProblem('shop.example.com')).toBeNull();
    expect(domainProblem('*.example.com')).toBeNull();
    expect(domainProblem('*.com')).toMatch(/wildcard/);
    expect(domainProblem('shop example.com')).toMatch(/no port, path or spaces/);
    expect(domainProblem('localhost:3000')).toMatch(/no port/);
    expect(domainProblem('')).toMatch(/Enter a domain/);
  });
});

describe('draftConfig', () => {
  it('is the public config of the draft, with the server’s footer', () => {
    const config = draftConfig(WIDGET, { ...fresh(), greeting: 'Hola' }, 'free');
    expect(config).toMatchObject({
      widgetId: 'wdg_test00000001',
      greeting: 'Hola',
      branding: { show: true, label: '⚡ by Callbell', href: WIDGET.branding.href },
    });
    expect(parseWidgetConfig(config).ok).toBe(true);
  });

  it('hides the footer only where the plan allows it', () => {
    const d = { ...fresh(), hideBranding: true };
    expect(draftConfig(WIDGET, d, 'free').branding.show).toBe(true);
    expect(draftConfig(WIDGET, d, 'pro').branding.show).toBe(false);
    expect(draftConfig(WIDGET, d, 'business').branding.show).toBe(false);
    expect(draftConfig(WIDGET, { ...d, hideBranding: false }, 'pro').branding.show).toBe(true);
  });

  it('gives the preview nothing while the draft is invalid', () => {
    expect(previewConfig(WIDGET, { ...fresh(), color: '#12' }, 'free')).toBeNull();
    expect(previewConfig(WIDGET, fresh(), 'free')?.appearance.color).toBe('#1b6ef3');
  });
});
