/** Where a launcher sits on the host page. */
export type Position = 'left' | 'right';

export const CHANNEL_TYPES = ['whatsapp', 'messenger', 'telegram', 'instagram', 'email', 'phone'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** One way a visitor can start a conversation. Each type carries what its deep link needs. */
export type Channel =
  | { type: 'whatsapp'; phone: string; text?: string }
  | { type: 'messenger'; page: string }
  | { type: 'telegram'; username: string }
  | { type: 'instagram'; username: string }
  | { type: 'email'; address: string; subject?: string }
  | { type: 'phone'; number: string };

/**
 * The referral footer. The server decides `show` from the owner's plan and choice;
 * the widget only obeys it.
 */
export interface Branding {
  show: boolean;
  label: string;
  href: string;
}

export interface Appearance {
  position: Position;
  /** `#rrggbb` */
  color: string;
  /** Text beside the launcher bubble; none when null. */
  label: string | null;
}

export interface Agent {
  name: string;
  avatarUrl: string | null;
}

/** What `GET /v1/widgets/:widgetId/config` answers. */
export interface WidgetConfig {
  widgetId: string;
  greeting: string;
  agent: Agent;
  appearance: Appearance;
  channels: Channel[];
  branding: Branding;
}

/** The parts of a widget's config its owner edits: all but its id and the footer. */
export type WidgetSettings = Pick<WidgetConfig, 'greeting' | 'agent' | 'appearance' | 'channels'>;

export const PING_KINDS = ['install', 'heartbeat'] as const;
export type PingKind = (typeof PING_KINDS)[number];

/** What the widget sends to `POST /v1/pings`. */
export interface Ping {
  widgetId: string;
  /** Random id kept in the visitor's localStorage, never a cookie. */
  visitorId: string;
  kind: PingKind;
  /** Origin and path of the host page, without query or fragment. */
  url: string;
  sdkVersion: string;
  brandingTampered?: boolean;
}

export const REFERRAL_SOURCES = ['widget', 'link', 'banner'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** The JSON body of every error answer. */
export interface ApiError {
  error: string;
  message: string;
}
