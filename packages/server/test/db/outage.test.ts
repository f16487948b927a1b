import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outageWatch } from '../../src/db/outage.ts';
import { isUnavailable } from '../../src/db/sqlstate.ts';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function recorder() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => lines.push({ level, obj, msg });
  return { lines, log: { error: at('error'), warn: at('warn'), info: at('info') } as unknown as FastifyBaseLogger };
}

describe('isUnavailable', () => {
  it.each([
    ['a refused connection', refused()],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a connect time-out', new Error('timeout exceeded when trying to connect')],
    ['an administrator shutdown (57P01)', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['too many connections (53300)', Object.assign(new Error('too many'), { code: '53300' })],
    ['a connection exception (08006)', Object.assign(new Error('failure'), { code: '08006' })],
    ['both addresses of localhost refusing', new AggregateError([refused(), refused()])],
    ['PGlite closed', new Error('PGlite is closed')],
  ])('counts %s', (_case, err) => expect(isUnavailable(err)).toBe(true));

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax'), { code: '42601' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', null],
  ])('does not count %s', (_case, err) => expect(isUnavailable(err)).toBe(false));
});

describe('outageWatch', () => {
  afterEach(() => vi.useRealTimers());

  it('logs the start once, a count every interval while it lasts, and the end', () => {
    vi.useFakeTimers();
    const { lines, log } = recorder();
    const watch = outageWatch(log, 1000, () => Date.now());
    watch.succeeded();
    watch.failed(new TypeError('a bug is not an outage'));
    expect(lines).toEqual([]);
    for (let i = 0; i < 500; i++) watch.failed(refused());
    expect(watch.down).toBe(true);
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 7; i++) watch.failed(refused());
    vi.advanceTimersByTime(1000);
    watch.succeeded();
    vi.advanceTimersByTime(5000);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['error', 'database unreachable: requests answer 503 until it returns'],
      ['warn', 'database still unreachable'],
      ['warn', 'database still unreachable'],
      ['info', 'database reachable again: outage over'],
    ]);
    expect(lines[0]?.obj).toEqual({ cause: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' });
    expect(lines[1]?.obj).toMatchObject({ failedCalls: 499, totalFailedCalls: 500 });
    expect(lines[2]?.obj).toMatchObject({ failedCalls: 7, totalFailedCalls: 507 });
    expect(lines[3]?.obj).toEqual({ failedCalls: 507, seconds: 2 });
    expect(watch.down).toBe(false);
  });
});
