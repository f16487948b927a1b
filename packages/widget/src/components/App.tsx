import type { WidgetConfig } from '@callbell/protocol';
import { textOn } from '../styles.ts';
import { Launcher } from './Launcher.tsx';
import { Panel } from './Panel.tsx';

export interface AppProps {
  config: WidgetConfig;
  open: boolean;
  /** Whether the panel has ever been opened: until then it is not rendered, which halves start-up. */
  panel: boolean;
  onToggle: () => void;
  onClose: () => void;
}

/** The widget: the panel above the launcher, on the side the owner chose. */
export function App({ config, open, panel, onToggle, onClose }: AppProps) {
  const { color, position } = config.appearance;
  return (
    <div class={`cb ${position}`} style={{ '--cb-color': color, '--cb-on': textOn(color) }}>
      {panel && <Panel config={config} open={open} onClose={onClose} />}
      <Launcher appearance={config.appearance} open={open} onToggle={onToggle} />
    </div>
  );
}
