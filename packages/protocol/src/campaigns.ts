/**
 * A campaign name, as a banner's code and a link's `c=` carry it: the dashboard checks it as it
 * is typed, and the server before it writes a banner's code. Pure.
 */

/** The longest campaign name. */
export const CAMPAIGN_MAX_LENGTH = 64;

/** A campaign name as banners take it: what survives a URL and a spreadsheet unchanged. */
export const CAMPAIGN_RE = new RegExp(`^[A-Za-z0-9._-]{1,${CAMPAIGN_MAX_LENGTH}}$`);

/** Whether `name` is a campaign name banners take. */
export const isCampaign = (name: string): boolean => CAMPAIGN_RE.test(name);
