import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../components/Field.tsx';
import { checkCustom, PRESETS, type Range } from './range.ts';

/**
 * The statistics' dates: the last 7, 30 or 90 days, or two days picked. The page keeps the
 * choice in its URL; `refusal` is the server's word on a custom range it would not take.
 */
export function RangePicker({
  range,
  shown,
  refusal,
  onChange,
}: {
  range: Range;
  /** The days the server resolved the range to, once it has answered. */
  shown: { from: string; to: string } | undefined;
  refusal: string | undefined;
  onChange: (range: Range) => void;
}) {
  const [customOpen, setCustomOpen] = useState(range.kind === 'custom');
  const [from, setFrom] = useState(range.kind === 'custom' ? range.from : '');
  const [to, setTo] = useState(range.kind === 'custom' ? range.to : '');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  // Back and forward, or a shared link, change the range from outside.
  useEffect(() => {
    if (range.kind === 'custom') {
      setCustomOpen(true);
      setFrom(range.from);
      setTo(range.to);
    } else setCustomOpen(false);
    setErrors({});
  }, [range.kind === 'custom' ? `${range.from}/${range.to}` : range.days]);

  const openCustom = () => {
    setCustomOpen(true);
    // Start from the days on screen, so a small change is a small edit.
    if (!from && shown) setFrom(shown.from);
    if (!to && shown) setTo(shown.to);
  };
  const apply = (e: Event) => {
    e.preventDefault();
    const found = checkCustom(from, to);
    setErrors(found);
    if (!found.from && !found.to) onChange({ kind: 'custom', from, to });
  };

  return (
    <div class="af-range">
      <fieldset class="af-presets">
        <legend class="visually-hidden">Dates to show</legend>
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            class="btn btn-small"
            aria-pressed={range.kind === 'preset' && range.days === days}
            onClick={() => onChange({ kind: 'preset', days })}
          >
            Last {days} days
          </button>
        ))}
        <button
          type="button"
          class="btn btn-small"
          aria-pressed={range.kind === 'custom'}
          aria-expanded={customOpen}
          aria-controls="af-custom-range"
          onClick={openCustom}
        >
          Pick dates
        </button>
      </fieldset>
      {customOpen && (
        <form id="af-custom-range" class="af-custom" onSubmit={apply} noValidate>
          <TextField label="From" type="date" value={from} onValue={setFrom} error={errors.from} class="af-date" />
          <TextField
            label="To"
            type="date"
            value={to}
            onValue={setTo}
            error={errors.to ?? (range.kind === 'custom' && !errors.from ? refusal : undefined)}
            class="af-date"
          />
          <button type="submit" class="btn btn-primary af-apply">
            Show these days
          </button>
        </form>
      )}
    </div>
  );
}
