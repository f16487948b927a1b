import { describe, expect, it } from 'vitest';
import {
  explainVerification,
  type InstallCheck,
  pagesToCheck,
  retryAt,
  snippetIn,
} from '../../src/domain/install-verification.ts';
import { bountyAtHoldEnd } from '../../src/domain/ledger.ts';

const ID = 'wdg_abcDEF123456';

describe('snippetIn', () => {
  it.each([
    [`<script src="https://x/widget.js" data-widget-id="${ID}" async></script>`, 'snippet'],
    [`<SCRIPT async data-widget-id='${ID}' src="/w.js"></SCRIPT>`, 'snippet'],
    [`<script data-widget-id=${ID} src=/w.js></script>`, 'snippet'],
    [`<script>Callbell('init', '${ID}')</script>`, 'widget_id'],
    [`<div data-widget-id="${ID}"></div>`, 'widget_id'],
    [`<script data-widget-id="${ID}x"></script>`, 'widget_id'],
    ['<script data-widget-id="wdg_someoneElse01"></script>', null],
    ['', null],
  ])('%s → %s', (html, found) => {
    expect(snippetIn(html, ID)).toBe(found);
  });
});

describe('pagesToCheck', () => {
  it('takes the pages pings named, then the home page, three at most, each once', () => {
    expect(pagesToCheck('https://shop.example.com', ['/products', '/'])).toEqual([
      'https://shop.example.com/products',
      'https://shop.example.com/',
    ]);
    expect(pagesToCheck('https://shop.example.com', ['/a', '/b', '/c', '/d'])).toEqual([
      'https://shop.example.com/a',
      'https://shop.example.com/b',
      'https://shop.example.com/c',
    ]);
    expect(pagesToCheck('http://shop.example.com:8080', [])).toEqual(['http://shop.example.com:8080/']);
    // A path cannot move the fetch to another host.
    expect(pagesToCheck('https://shop.example.com', ['//evil.example.net/x'])).toEqual([
      'https://shop.example.com//evil.example.net/x',
      'https://shop.example.com/',
    ]);
  });
});

describe('retryAt', () => {
  it('tries four times over about ten hours', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(retryAt(1, now)?.toISOString()).toBe('2026-03-01T10:15:00.000Z');
    expect(retryAt(2, now)?.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(retryAt(3, now)?.toISOString()).toBe('2026-03-01T18:00:00.000Z');
    expect(retryAt(4, now)).toBeNull();
  });
});

describe('explainVerification', () => {
  const check = (over: Partial<InstallCheck>): InstallCheck => ({
    origin: 'https://shop.example.com',
    state: 'checking',
    attempts: 0,
    nextAttemptAt: null,
    lastAttemptAt: null,
    checkedUrl: null,
    outcome: null,
    detail: null,
    foundUrl: null,
    foundAt: null,
    ...over,
  });
  it('says what was found, and what to do when nothing was', () => {
    expect(explainVerification(null, false).state).toBe('not_checked');
    expect(
      explainVerification(
        check({ state: 'found', foundUrl: 'https://shop.example.com/', foundAt: new Date('2026-03-02T00:00:00Z') }),
        true,
      ),
    ).toEqual({
      state: 'found',
      explanation: 'The snippet was found on https://shop.example.com/ on 2026-03-02',
      nextStep: null,
    });
    const retrying = explainVerification(
      check({
        attempts: 1,
        checkedUrl: 'https://shop.example.com/',
        detail: 'the page answered HTTP 404',
        nextAttemptAt: new Date('2026-03-01T10:15:00Z'),
      }),
      true,
    );
    expect(retrying.explanation).toBe(
      'The snippet was not found on https://shop.example.com/ yet: the page answered HTTP 404; it is tried again after 2026-03-01 10:15 UTC',
    );
    expect(retrying.nextStep).toMatch(/public page/);
    const ended = explainVerification(check({ state: 'not_found', attempts: 4, detail: 'x' }), true);
    expect(ended.explanation).toBe('The snippet was not found on https://shop.example.com after 4 tries: x');
    expect(ended.nextStep).toMatch(/operator/);
  });
});

describe('bountyAtHoldEnd', () => {
  const found = { found: true, checking: false };
  const checking = { found: false, checking: true };
  const notFound = { found: false, checking: false };
  it.each([
    [{ alive: false, review: 'approved', checks: found }, 'reverse'],
    [{ alive: false, review: 'none', checks: checking }, 'reverse'],
    [{ alive: true, review: 'none', checks: found }, 'available'],
    [{ alive: true, review: 'approved', checks: notFound }, 'available'],
    [{ alive: true, review: 'approved', checks: null }, 'available'],
    [{ alive: true, review: 'none', checks: checking }, 'wait'],
    [{ alive: true, review: 'none', checks: null }, 'wait'],
    [{ alive: true, review: 'none', checks: notFound }, 'hold'],
  ] as const)('%j → %s', (input, verdict) => {
    expect(bountyAtHoldEnd(input)).toBe(verdict);
  });
});

describe('pagesToCheck, without an origin', () => {
  it('has nothing to fetch', () => {
    expect(pagesToCheck('', ['/'])).toEqual([]);
  });
});
