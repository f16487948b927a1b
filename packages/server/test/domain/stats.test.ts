import { describe, expect, it } from 'vitest';
import { bearerKey, issueApiKey, parseApiKey, reviewPromise, secretMatches } from '../../src/domain/api-keys.ts';
import { sha256Hex } from '../../src/domain/secrets.ts';
import {
  assembleStats,
  csvCell,
  dayRange,
  type Metrics,
  parseDay,
  resolveRange,
  type StatsRow,
  statsCsv,
  statsFilename,
  zeroMetrics,
} from '../../src/domain/stats.ts';

const LIMITS = { defaultDays: 30, maxDays: 366 };

describe('days', () => {
  it.each([
    ['2026-03-01', true],
    ['2024-02-29', true], // leap year
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-3-1', false],
    ['2026-03-01T00:00:00Z', false],
    ['', false],
    ['0000-01-01', false], // no year 0
    ['0001-01-01', true],
    ['9999-12-31', true],
  ])('parseDay(%j) is valid: %s', (day, valid) => {
    expect(parseDay(day) !== null).toBe(valid);
  });

  it('lists every day of a range across a month and a leap day, both ends included', () => {
    expect(dayRange('2024-02-27', '2024-03-02')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(dayRange('2026-03-01', '2026-03-01')).toEqual(['2026-03-01']);
  });
});

describe('resolveRange', () => {
  it('defaults to the 30 days ending today', () => {
    const r = resolveRange({}, '2026-03-10', LIMITS);
    expect(r).toMatchObject({ ok: true, from: '2026-02-09', to: '2026-03-10' });
    if (r.ok) {
      expect(r.start.toISOString()).toBe('2026-02-09T00:00:00.000Z');
      expect(r.end.toISOString()).toBe('2026-03-11T00:00:00.000Z'); // excluded: midnight after `to`
      expect(dayRange(r.from, r.to)).toHaveLength(30);
    }
  });

  it('takes a missing end from today and a missing start from the end', () => {
    expect(resolveRange({ from: '2026-03-01' }, '2026-03-10', LIMITS)).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-10',
    });
    expect(resolveRange({ to: '2026-01-31' }, '2026-03-10', LIMITS)).toMatchObject({
      from: '2026-01-02',
      to: '2026-01-31',
    });
  });

  it('bounds a range at the ends of the calendar as instants', () => {
    const first = resolveRange({ to: '0001-01-30' }, '2026-03-10', LIMITS);
    expect(first).toMatchObject({ ok: true, from: '0001-01-01' });
    const last = resolveRange({ from: '9999-12-31', to: '9999-12-31' }, '2026-03-10', LIMITS);
    expect(last.ok && last.end.getTime()).toBe(Date.UTC(10_000, 0, 1));
  });

  it('accepts exactly the maximum and refuses one day more', () => {
    // 2025 has 365 days: 2025-01-01 to 2026-01-01 is 366 days, the same span from 2024 is 367
    expect(resolveRange({ from: '2025-01-01', to: '2026-01-01' }, '2026-03-10', LIMITS)).toMatchObject({ ok: true });
    expect(resolveRange({ from: '2025-01-01', to: '2026-01-02' }, '2026-03-10', LIMITS)).toMatchObject({
      ok: false,
      code: 'range_too_long',
    });
  });

  it.each([
    [{ from: '2026-03-02', to: '2026-03-01' }, 'bad_range'],
    [{ from: '2026-03-11' }, 'bad_range'], // after today, the default end
    [{ from: '2024-01-01', to: '2025-01-01' }, 'range_too_long'], // 367 days
    [{ from: '2026-02-30' }, 'invalid_date'],
    [{ to: 'yesterday' }, 'invalid_date'],
    [{ from: '0000-12-31', to: '0001-01-01' }, 'invalid_date'],
    [{ to: '0001-01-29' }, 'bad_range'], // the default 30 days would begin before year 1
  ])('refuses %j: %s', (query, code) => {
    expect(resolveRange(query, '2026-03-10', LIMITS)).toMatchObject({ ok: false, code });
  });
});

const m = (partial: Partial<Metrics>): Metrics => ({ ...zeroMetrics(), ...partial });
const row = (day: string | null, group: string | null, partial: Partial<Metrics>, allGroups = false): StatsRow => ({
  day,
  group,
  allDays: day === null,
  allGroups,
  ...m(partial),
});

describe('assembleStats', () => {
  it('fills every day with zeros, for the totals and for each group', () => {
    const report = assembleStats({
      from: '2026-03-01',
      to: '2026-03-03',
      groupBy: 'campaign',
      maxGroups: 10,
      rows: [
        row('2026-03-02', 'spring', { clicks: 2 }),
        row('2026-03-02', null, { clicks: 2 }, true),
        row(null, 'spring', { clicks: 2 }),
        row(null, null, { clicks: 2 }, true),
      ],
    });
    expect(report.series.map((d) => [d.day, d.clicks])).toEqual([
      ['2026-03-01', 0],
      ['2026-03-02', 2],
      ['2026-03-03', 0],
    ]);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]?.series.map((d) => d.clicks)).toEqual([0, 2, 0]);
    expect(report.groups[0]?.series[0]).toEqual({ day: '2026-03-01', ...zeroMetrics() });
    expect(report.totals).toEqual(m({ clicks: 2 }));
  });

  it('tells a real null group (no campaign) from the all-groups rows', () => {
    const report = assembleStats({
      from: '2026-03-01',
      to: '2026-03-01',
      groupBy: 'campaign',
      maxGroups: 10,
      rows: [
        row('2026-03-01', null, { signups: 1 }), // no campaign
        row('2026-03-01', 'x', { signups: 2 }),
        row('2026-03-01', null, { signups: 3 }, true), // the day's total
        row(null, null, { signups: 1 }),
        row(null, 'x', { signups: 2 }),
        row(null, null, { signups: 3 }, true),
      ],
    });
    expect(report.totals.signups).toBe(3);
    expect(report.series[0]?.signups).toBe(3);
    expect(report.groups.map((g) => [g.key, g.totals.signups, g.series[0]?.signups])).toEqual([
      ['x', 2, 2],
      [null, 1, 1],
    ]);
  });

  it('shows every source in a fixed order, even at zero', () => {
    const report = assembleStats({
      from: '2026-03-01',
      to: '2026-03-01',
      groupBy: 'source',
      maxGroups: 10,
      rows: [row(null, 'banner', { clicks: 1 })],
    });
    expect(report.groups.map((g) => [g.key, g.totals.clicks])).toEqual([
      ['widget', 0],
      ['link', 0],
      ['banner', 1],
      ['param', 0],
    ]);
  });

  it('keeps the busiest groups and counts the rest as omitted; totals stay whole', () => {
    const rows = ['a', 'b', 'c', 'd'].map((key, i) => row(null, key, { signups: i, clicks: 10 - i }));
    const report = assembleStats({ from: '2026-03-01', to: '2026-03-01', groupBy: 'widget', maxGroups: 2, rows });
    expect(report.groups.map((g) => g.key)).toEqual(['d', 'c']);
    expect(report.omittedGroups).toBe(2);
  });

  it('has no groups without a grouping', () => {
    const report = assembleStats({ from: '2026-03-01', to: '2026-03-02', groupBy: null, maxGroups: 10, rows: [] });
    expect(report).toMatchObject({ groups: [], omittedGroups: 0, totals: zeroMetrics() });
    expect(report.series).toHaveLength(2);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['a=b', 'a=b'],
    ['', ''],
  ])('text %j is written %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers as numbers (a negative amount stays a number) and null as empty', () => {
    expect(csvCell(-250)).toBe('-250');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });

  it('has a header and one row per day and group, CRLF lines', () => {
    const report = assembleStats({
      from: '2026-03-01',
      to: '2026-03-02',
      groupBy: 'campaign',
      maxGroups: 10,
      rows: [
        row('2026-03-02', '=cmd', { clicks: 1, commissionCents: -300 }),
        row(null, '=cmd', { clicks: 1 }),
        row(null, null, { signups: 1 }),
      ],
    });
    expect(statsCsv(report).split('\r\n')).toEqual([
      'day,campaign,clicks,unique_clicks,signups,installs,paying_customers,commission_cents,bounty_cents',
      '2026-03-01,,0,0,0,0,0,0,0', // no campaign: the busier group (a signup in the range) first
      "2026-03-01,'=cmd,0,0,0,0,0,0,0",
      '2026-03-02,,0,0,0,0,0,0,0',
      "2026-03-02,'=cmd,1,0,0,0,0,-300,0",
      '',
    ]);
    expect(statsFilename(report)).toBe('callbell-stats_2026-03-01_2026-03-02_by-campaign.csv');
  });
});

describe('API keys', () => {
  it('are cbk_<id>_<secret> with a 16-character id and 32 random bytes; only the hash is kept', () => {
    const issued = issueApiKey();
    expect(issued.key).toMatch(/^cbk_[a-z2-9]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(issued.key);
    expect(parsed?.id).toBe(issued.id);
    expect(Buffer.from(parsed?.secret ?? '', 'base64url')).toHaveLength(32);
    expect(issued.secretHash).toBe(sha256Hex(parsed?.secret ?? ''));
    expect(issued.secretHash).not.toContain(parsed?.secret);
    expect(secretMatches(parsed?.secret ?? '', issued.secretHash)).toBe(true);
    const other = `${parsed?.secret.startsWith('A') ? 'B' : 'A'}${parsed?.secret.slice(1)}`;
    expect(secretMatches(other, issued.secretHash)).toBe(false);
    expect(issueApiKey().key).not.toBe(issued.key);
  });

  it('parse from a Bearer header, and nothing else', () => {
    const { key, id } = issueApiKey();
    expect(bearerKey(`Bearer ${key}`)?.id).toBe(id);
    expect(bearerKey(`bearer  ${key}`)?.id).toBe(id);
    expect(bearerKey(key)).toBeNull();
    expect(bearerKey(`Basic ${key}`)).toBeNull();
    expect(bearerKey(`Bearer ${key}x`)).toBeNull();
    expect(bearerKey(`Bearer ${key.replace('cbk_', 'cbx_')}`)).toBeNull();
    expect(bearerKey(undefined)).toBeNull();
    expect(bearerKey('Bearer cbk_short_secret')).toBeNull();
  });
});

describe('reviewPromise (24 hours)', () => {
  const at = new Date('2026-03-01T10:00:00Z');
  const after = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
  it.each([
    [1, 1, 'on_time'],
    [19.9, 19, 'on_time'],
    [20, 20, 'due_soon'], // the last sixth of the window
    [23, 23, 'due_soon'],
    [24, 24, 'due_soon'], // due at this instant, not yet late
    [24.01, 24, 'breached'],
    [25, 25, 'breached'],
  ])('waiting %f hours: %i whole hours, %s', (hours, waited, promise) => {
    expect(reviewPromise(at, null, after(hours), 24)).toMatchObject({ waitedHours: waited, promise });
  });

  it('once decided, counts the wait until the decision and says whether it was kept', () => {
    expect(reviewPromise(at, after(23), after(100), 24)).toMatchObject({ waitedHours: 23, promise: 'met' });
    expect(reviewPromise(at, after(30), after(100), 24)).toMatchObject({ waitedHours: 30, promise: 'missed' });
    expect(reviewPromise(at, null, at, 24).dueAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });
});
