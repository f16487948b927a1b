/**
 * The ids the API shows for rows whose database key is a sequence: a payout, a ledger entry, a
 * referral, a payout batch. A sequential id would tell any ambassador how many of them the
 * programme has and which comes next; these are a prefix and 20 random characters instead (100
 * bits). The database makes them (`new_public_id` in migration 0018), so every row has one
 * whoever inserts it; this module holds their format, which the routes check before a query runs.
 */

export const PUBLIC_ID_PREFIXES = { payout: 'po_', entry: 'le_', referral: 'rf_', batch: 'pb_' } as const;
export type PublicIdKind = keyof typeof PUBLIC_ID_PREFIXES;

/** The referral codes' alphabet (no 0/o, 1/l), as a character class. */
const BODY = '[a-km-np-z2-9]{20}';

/** The JSON Schema `pattern` (and RegExp source) of a public id of this kind. */
export const publicIdPattern = (kind: PublicIdKind): string => `^${PUBLIC_ID_PREFIXES[kind]}${BODY}$`;

/** Whether `value` has the form of a public id of this kind (not whether such a row exists). */
export const isPublicId = (kind: PublicIdKind, value: string): boolean => new RegExp(publicIdPattern(kind)).test(value);
