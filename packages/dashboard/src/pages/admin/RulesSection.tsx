import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async } from '../../components/States.tsx';
import { euros, percent, plural } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { hours, type Programme } from './words.ts';

type Rules = Programme['programme'];
type Key = keyof Rules;

/** Each rule in words, grouped as the programme works, with the settings it is made of. */
const GROUPS: { title: string; rules: { keys: Key[]; name: string; words: (p: Rules) => string }[] }[] = [
  {
    title: 'What ambassadors earn',
    rules: [
      {
        keys: ['installBountyCents'],
        name: 'Install bounty',
        words: (p) =>
          p.installBountyCents
            ? `${euros(p.installBountyCents)} when a referred account’s widget is installed, once per referred account.`
            : 'No install bounty: installs earn nothing by themselves.',
      },
      {
        keys: ['qualifyMinVisitors', 'qualifyMinNetworks'],
        name: 'When a widget counts as installed',
        words: (p) =>
          `Once ${plural(p.qualifyMinVisitors, 'different visitor')}, from at least ${plural(p.qualifyMinNetworks, 'different network')}, have loaded it on a public website, so one person cannot fake an install alone.`,
      },
      {
        keys: ['commissionRateBps'],
        name: 'Commission',
        words: (p) =>
          `${percent(p.commissionRateBps)} of each paid licence invoice (net of tax), for as long as the referred account stays subscribed.`,
      },
      {
        keys: ['holdDays'],
        name: 'Hold',
        words: (p) =>
          p.holdDays
            ? `Each earning waits ${plural(p.holdDays, 'day')} before it becomes available. A refund inside the hold cancels it; after the hold, a refund is taken back from later earnings.`
            : 'Earnings become available at once; a later refund is taken back from later earnings.',
      },
      {
        keys: ['livenessDays'],
        name: 'Install still alive',
        words: (p) =>
          `The install bounty is kept only if the widget was seen on a public page in the last ${plural(p.livenessDays, 'day')} of its hold; otherwise it is cancelled.`,
      },
    ],
  },
  {
    title: 'Payouts',
    rules: [
      {
        keys: ['minPayoutCents'],
        name: 'Minimum payout',
        words: (p) => `Ambassadors can ask for a payout once ${euros(p.minPayoutCents)} is available.`,
      },
    ],
  },
  {
    title: 'Who gets the credit',
    rules: [
      {
        keys: ['attributionWindowDays'],
        name: 'Attribution window',
        words: (p) =>
          `A click on a referral link counts for a sign-up within ${plural(p.attributionWindowDays, 'day')} of it.`,
      },
      {
        keys: ['attributionModel'],
        name: 'Which click wins',
        words: (p) =>
          `When a visitor clicked several referral links within the window, the ${p.attributionModel} click wins.`,
      },
    ],
  },
  {
    title: 'Affiliate platform',
    rules: [
      {
        keys: ['affiliateReviewHours'],
        name: 'Review promise',
        words: (p) => `Requests for the affiliate platform are decided within ${hours(p.affiliateReviewHours)}.`,
      },
    ],
  },
];

/** The programme rules in force, in words, with the setting behind each for the operator. */
export function RulesSection() {
  const programme = useResource((signal) => api.get('/api/admin/programme', { signal }));
  return (
    <section class="card admin-section" aria-labelledby="admin-rules">
      <div class="card-header">
        <h2 id="admin-rules">Programme rules in force</h2>
      </div>
      <p class="muted">
        Each referral keeps the install bounty, commission and hold in force when it signed up: a change applies to new
        referrals only. Rules are set by the server’s environment variables and apply from its next start.
      </p>
      <Async resource={programme}>
        {({ programme: p, defaults, variables }) => (
          <div class="stack">
            {GROUPS.map((g) => (
              <div key={g.title} class="admin-rules-group">
                <h3>{g.title}</h3>
                <dl class="admin-rules">
                  {g.rules.map((rule) => (
                    <div key={rule.name} class="admin-rule">
                      <dt>{rule.name}</dt>
                      <dd>
                        <p>{rule.words(p)}</p>
                        {rule.keys.map((key) => {
                          const changed = p[key] !== defaults[key];
                          return (
                            <p key={key} class="admin-setting">
                              <code>
                                {variables[key]}={String(p[key])}
                              </code>{' '}
                              <Badge tone={changed ? 'info' : 'neutral'}>
                                {changed ? `Changed: the default is ${String(defaults[key])}` : 'Default'}
                              </Badge>
                            </p>
                          );
                        })}
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        )}
      </Async>
    </section>
  );
}
