/**
 * How many random histories a property suite tries: 30, or `FC_RUNS`. Anything but a whole
 * number of at least 1 is refused, so an empty or mistyped variable cannot turn a suite into
 * one that tries nothing and passes.
 */
export function propertyRuns(value: string | undefined, fallback = 30): number {
  if (value === undefined) return fallback;
  const runs = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`FC_RUNS: expected a whole number of at least 1, got "${value}"`);
  }
  return runs;
}
