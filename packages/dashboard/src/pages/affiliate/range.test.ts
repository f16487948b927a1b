import { describe, expect, it } from 'vitest';
import { apiRange, checkCustom, DEFAULT_RANGE, parseRange, rangeSearch } from './range.ts';

describe('the range in the URL', () => {
  it('reads presets and custom days, and the default for anything else', () => {
    expect(parseRange({})).toEqual(DEFAULT_RANGE);
    expect(parseRange({ range: '7' })).toEqual({ kind: 'preset', days: 7 });
    expect(parseRange({ range: '90' })).toEqual({ kind: 'preset', days: 90 });
    expect(parseRange({ range: '45' })).toEqual(DEFAULT_RANGE);
    expect(parseRange({ range: 'all' })).toEqual(DEFAULT_RANGE);
    expect(parseRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      kind: 'custom',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    // Dates win over a preset; a half range is the server's to complete (to: today).
    expect(parseRange({ range: '7', from: '2026-11-01' })).toEqual({ kind: 'custom', from: '2026-11-01', to: '' });
  });

  it('writes back what it reads', () => {
    for (const search of ['?range=7', '?range=30', '?range=90', '?from=2026-11-01&to=2026-11-30']) {
      const query = Object.fromEntries(new URLSearchParams(search));
      expect(rangeSearch(parseRange(query))).toBe(search);
    }
  });

  it('asks the server for days or for from/to', () => {
    expect(apiRange({ kind: 'preset', days: 7 })).toEqual({ days: 7 });
    expect(apiRange({ kind: 'custom', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(apiRange({ kind: 'custom', from: '2026-11-01', to: '' })).toEqual({ from: '2026-11-01' });
  });

  it('checks a custom range for both days, in order', () => {
    expect(checkCustom('2026-11-01', '2026-11-30')).toEqual({});
    expect(checkCustom('2026-11-01', '2026-11-01')).toEqual({});
    expect(checkCustom('', '')).toEqual({ from: 'Pick the first day', to: 'Pick the last day' });
    expect(checkCustom('2026-11-30', '2026-11-01')).toEqual({ to: 'The last day must be on or after the first' });
  });
});
