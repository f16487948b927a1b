import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.ts';

describe('FC_RUNS', () => {
  it('defaults to 30 and takes a whole number of at least 1', () => {
    expect(propertyRuns(undefined)).toBe(30);
    expect(propertyRuns('2000')).toBe(2000);
  });

  it.each(['', ' ', '0', '-5', '1.5', 'abc', '1e3'])('refuses %j rather than run no case', (value) => {
    expect(() => propertyRuns(value)).toThrow(`FC_RUNS: expected a whole number of at least 1, got "${value}"`);
  });
});
