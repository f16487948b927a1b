import type { ComponentChildren } from 'preact';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** A short status in words, coloured by its tone (never by colour alone: the words say it). */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ComponentChildren }) {
  return <span class={tone === 'neutral' ? 'badge' : `badge badge-${tone}`}>{children}</span>;
}

/** "Yes" or "No", as a badge. */
export const YesNo = ({ value }: { value: boolean }) => (
  <Badge tone={value ? 'success' : 'neutral'}>{value ? 'Yes' : 'No'}</Badge>
);
