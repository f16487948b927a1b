/**
 * The widget rules the server enforces and the dashboard shows before it asks: how many
 * allowed domains a widget may list, and which plans may hide the "by Callbell" footer.
 */

/** The most allowed domains one widget may list: plenty for a shop, no flood for the table. */
export const MAX_ALLOWED_DOMAINS = 20;

/** The plans whose owners may hide the footer, by name, for the message that says so. */
export const FOOTER_HIDING_PLANS = 'Pro or Business';

/** Whether an owner on `plan` may hide the footer: every plan but Free (unknown: no). */
export const mayHideFooter = (plan: string | null | undefined): boolean => !!plan && plan !== 'free';
