/** Widget ids look like `wdg_` followed by 8 to 32 URL-safe characters. */
export const WIDGET_ID_RE = /^wdg_[A-Za-z0-9_-]{8,32}$/;

/** Visitor ids are nanoid-style: 16 to 32 URL-safe characters. */
export const VISITOR_ID_RE = /^[A-Za-z0-9_-]{16,32}$/;

/** Referral codes are short, case-insensitive on input, stored lower-case. */
export const REFERRAL_CODE_RE = /^[a-z0-9]{4,16}$/;

/** True when `id` is a well-formed widget id. */
export const isWidgetId = (id: unknown): id is string => typeof id === 'string' && WIDGET_ID_RE.test(id);
