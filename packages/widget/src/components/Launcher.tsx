import type { Appearance } from '@callbell/protocol';
import { Icon } from './Icon.tsx';

/** The bubble that opens and closes the panel. */
export function Launcher({
  appearance,
  open,
  onToggle,
}: {
  appearance: Appearance;
  open: boolean;
  onToggle: () => void;
}) {
  const { label } = appearance;
  return (
    <button
      type="button"
      class={label ? 'launcher wide' : 'launcher'}
      aria-expanded={open}
      aria-controls="cb-panel"
      aria-label={label ? undefined : open ? 'Close chat' : 'Open chat'}
      onClick={onToggle}
    >
      <Icon name={open ? 'close' : 'chat'} />
      {label && <span>{label}</span>}
    </button>
  );
}
