import { describe, expect, it } from 'vitest';
import { explainInstall, type InstallFacts } from '../../src/domain/install-status.ts';

const none: InstallFacts = { qualifiedAt: null, qualifiedOrigin: null, lastPingAt: null, origins: [] };
const origin = (o: string, visitors: number, publicOrigin = true, networks = visitors) => ({
  origin: o,
  publicOrigin,
  visitors,
  networks,
});
const rule = { minVisitors: 3, minNetworks: 2, allowedDomains: [] as string[] };

describe('explainInstall', () => {
  it('no ping yet: paste the snippet (and where pings are accepted from, if restricted)', () => {
    expect(explainInstall(none, rule)).toEqual({
      state: 'no_pings',
      qualified: false,
      explanation: 'No ping yet: paste the snippet',
      nextStep: "Paste the snippet into your site's pages and open one in a browser",
      origins: [],
    });
    const restricted = explainInstall(none, { ...rule, allowedDomains: ['shop.example.com', '*.example.net'] });
    expect(restricted.nextStep).toBe(
      "Paste the snippet into your site's pages and open one in a browser (pings are accepted only from shop.example.com, *.example.net)",
    );
  });

  it('only private addresses, whatever their visitors, never count', () => {
    const facts = {
      ...none,
      origins: [origin('http://localhost:3000', 40, false), origin('http://10.0.0.2', 1, false)],
    };
    expect(explainInstall(facts, rule)).toMatchObject({
      state: 'private_only',
      qualified: false,
      explanation:
        'Only seen on localhost / private addresses, which never count: http://localhost:3000, http://10.0.0.2',
      nextStep: 'Publish the snippet on your public website',
    });
  });

  it('enough visitors from too few networks: still counting, and why', () => {
    const facts = { ...none, origins: [origin('https://shop.example.com', 5, true, 1)] };
    expect(explainInstall(facts, rule)).toMatchObject({
      state: 'counting',
      explanation: 'Seen by 5 distinct visitors on https://shop.example.com, but from 1 network of the 2 needed',
    });
    const enough = { ...none, origins: [origin('https://shop.example.com', 5, true, 2)] };
    expect(explainInstall(enough, rule).state).toBe('enough_visitors');
  });

  it('lists at most three origins, then how many more', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((h) => origin(`http://${h}.local`, 1, false));
    expect(explainInstall({ ...none, origins: many }, rule).explanation).toBe(
      'Only seen on localhost / private addresses, which never count: http://a.local, http://b.local, http://c.local and 2 more',
    );
  });

  it.each([
    [1, 'Seen by 1 of the 3 distinct visitors needed on https://shop.example.com', '2 more visitors'],
    [2, 'Seen by 2 of the 3 distinct visitors needed on https://shop.example.com', '1 more visitor'],
  ])('counting: %i visitor(s)', (visitors, explanation, more) => {
    const facts = {
      ...none,
      origins: [origin('https://shop.example.com', visitors), origin('http://localhost', 9, false)],
    };
    expect(explainInstall(facts, rule)).toMatchObject({
      state: 'counting',
      qualified: false,
      explanation,
      nextStep: `${more} on one public address will qualify it`,
    });
  });

  it('measures the public origin closest to the rule, not the sum over origins', () => {
    const facts = {
      ...none,
      origins: [
        origin('https://a.example.com', 2),
        origin('https://b.example.com', 2),
        origin('http://localhost', 5, false),
      ],
    };
    const result = explainInstall(facts, rule);
    expect(result.state).toBe('counting');
    expect(result.explanation).toBe('Seen by 2 of the 3 distinct visitors needed on https://a.example.com');
  });

  it('ignores origins outside the allowed domains when counting, and says so when they are all there is', () => {
    const facts = { ...none, origins: [origin('https://old.example.com', 2), origin('https://shop.example.com', 1)] };
    const allowed = { ...rule, allowedDomains: ['shop.example.com'] };
    expect(explainInstall(facts, allowed)).toMatchObject({
      state: 'counting',
      explanation: 'Seen by 1 of the 3 distinct visitors needed on https://shop.example.com',
      origins: [
        { origin: 'https://old.example.com', allowed: false },
        { origin: 'https://shop.example.com', allowed: true },
      ],
    });
    const onlyOld = { ...none, origins: [origin('https://old.example.com', 2)] };
    expect(explainInstall(onlyOld, allowed)).toMatchObject({
      state: 'not_allowed',
      explanation: 'Only seen on addresses outside your allowed domains: https://old.example.com',
      nextStep: "Add your site's domain to the allowed domains (pings are accepted only from shop.example.com)",
    });
  });

  it('enough visitors but not yet recorded: qualifies with the next ping', () => {
    const facts = { ...none, origins: [origin('https://shop.example.com', 3)] };
    expect(explainInstall(facts, rule)).toMatchObject({
      state: 'enough_visitors',
      qualified: false,
      explanation: 'Seen by 3 distinct visitors on https://shop.example.com: it qualifies with its next ping',
    });
  });

  it('qualified: when and where, whatever the origins say now', () => {
    const facts = {
      ...none,
      qualifiedAt: new Date('2026-03-02T23:59:00Z'),
      qualifiedOrigin: 'https://shop.example.com',
      origins: [origin('http://localhost', 1, false)],
    };
    expect(explainInstall(facts, { ...rule, allowedDomains: ['elsewhere.example.com'] })).toMatchObject({
      state: 'qualified',
      qualified: true,
      explanation: 'Installed: qualified on https://shop.example.com on 2026-03-02',
      nextStep: null,
    });
  });
});
