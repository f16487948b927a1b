import { CHANNEL_NAMES, CHANNEL_TYPES, channelHref, HTTP_URL_RE, type WidgetConfig } from '@callbell/protocol';
import { BrandingFooter } from './BrandingFooter.tsx';
import { Icon } from './Icon.tsx';

interface PanelProps {
  config: WidgetConfig;
  open: boolean;
  onClose: () => void;
}

/** Keeps Tab and Shift+Tab inside the open panel; Escape closes it. */
function trapKeys(event: KeyboardEvent, onClose: () => void) {
  const panel = event.currentTarget as HTMLElement;
  if (event.key === 'Escape') {
    event.stopPropagation();
    onClose();
    return;
  }
  if (event.key !== 'Tab') return;
  const items = Array.from(panel.querySelectorAll<HTMLElement>('a[href],button'));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = (panel.getRootNode() as ShadowRoot).activeElement;
  const target = event.shiftKey
    ? active === first || !panel.contains(active)
      ? last
      : null
    : active === last
      ? first
      : null;
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

/** The open chat panel: who answers, the greeting, one button per channel, and the footer. */
export function Panel({ config, open, onClose }: PanelProps) {
  const { agent, greeting, channels, branding } = config;
  return (
    <div
      id="cb-panel"
      class="panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="cb-title"
      aria-describedby="cb-greeting"
      hidden={!open}
      onKeyDown={(e) => trapKeys(e, onClose)}
    >
      <div class="head">
        {agent.avatarUrl && HTTP_URL_RE.test(agent.avatarUrl) ? (
          <img class="avatar" src={agent.avatarUrl} alt="" width={40} height={40} />
        ) : (
          <span class="avatar" aria-hidden="true">
            {agent.name.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div class="who">
          <h2 id="cb-title">{agent.name}</h2>
          <p id="cb-greeting">{greeting}</p>
        </div>
        <button type="button" class="x" aria-label="Close chat" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <ul class="channels">
        {/* A channel of a type this version does not know is left out, so a newer server can add one. */}
        {channels
          .filter((channel) => CHANNEL_TYPES.includes(channel?.type))
          .map((channel, i) => {
            const web = channel.type !== 'email' && channel.type !== 'phone';
            return (
              <li key={`${channel.type}-${i}`}>
                <a
                  class={`ch ${channel.type}`}
                  href={channelHref(channel)}
                  target={web ? '_blank' : undefined}
                  rel={web ? 'noopener noreferrer' : undefined}
                >
                  <Icon name={channel.type} />
                  {CHANNEL_NAMES[channel.type]}
                </a>
              </li>
            );
          })}
      </ul>
      {branding.show && <BrandingFooter branding={branding} />}
    </div>
  );
}
