import { count, plural } from '../../format.ts';
import type { Summary } from './types.ts';

function Stat({ label, value, note }: { label: string; value: number; note?: string }) {
  return (
    <div class="stat">
      <dt class="stat-label">{label}</dt>
      <dd class="stat-value">{count(value)}</dd>
      {note && <dd class="hint">{note}</dd>}
    </div>
  );
}

/** Clicks on the ambassador's links and how far the people it brought have come. */
export function StatsCard({ stats }: { stats: Summary['stats'] }) {
  const { clicks } = stats;
  return (
    <section class="card" aria-labelledby="rw-stats">
      <h2 id="rw-stats">Clicks and sign-ups</h2>
      <div class="rw-stats">
        <div>
          <h3 class="rw-stats-title">Clicks on your links</h3>
          <dl class="rw-stat-grid">
            <Stat
              label="All time"
              value={clicks.total}
              note={clicks.total > 0 ? `from ${plural(clicks.unique, 'different visitor')}` : undefined}
            />
            <Stat
              label="Last 30 days"
              value={clicks.last30Days}
              note={clicks.last30Days > 0 ? `from ${plural(clicks.uniqueLast30Days, 'different visitor')}` : undefined}
            />
          </dl>
        </div>
        <div>
          <h3 class="rw-stats-title">People you brought</h3>
          <dl class="rw-stat-grid">
            <Stat label="Signed up" value={stats.signups} />
            <Stat label="Installed the widget" value={stats.installs} />
            <Stat label="Paying customers" value={stats.payingCustomers} />
          </dl>
        </div>
      </div>
      {clicks.total === 0 && stats.signups === 0 ? (
        <p class="hint">No clicks yet. Share your link above: clicks from people appear here (bots are left out).</p>
      ) : (
        <p class="hint">Bots and link previews are left out; visitors are told apart by their network.</p>
      )}
    </section>
  );
}
