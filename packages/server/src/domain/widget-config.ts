import { mayHideFooter, referralLink, type WidgetConfig } from '@callbell/protocol';

export const BRANDING_LABEL = '⚡ by Callbell';

/** The parts of a widget row the public config is built from. */
export interface WidgetForConfig {
  id: string;
  settings: Pick<WidgetConfig, 'greeting' | 'agent' | 'appearance' | 'channels'>;
  hideBranding: boolean;
  plan: string;
  referralCode: string;
}

/**
 * The public config of a widget. The server decides whether the footer shows: always on the
 * free plan, whatever the owner chose; on a paid plan, as the owner chose. Its link is the
 * owner's tracked referral link for this widget.
 */
export function buildWidgetConfig(widget: WidgetForConfig, publicOrigin: string): WidgetConfig {
  const { greeting, agent, appearance, channels } = widget.settings;
  return {
    widgetId: widget.id,
    greeting,
    agent,
    appearance,
    channels,
    branding: {
      show: !mayHideFooter(widget.plan) || !widget.hideBranding,
      label: BRANDING_LABEL,
      href: referralLink(publicOrigin, widget.referralCode, { src: 'widget', w: widget.id }),
    },
  };
}
