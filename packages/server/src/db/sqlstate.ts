/** The SQLSTATE code of a database error (both engines set `code`), or null for anything else. */
export function sqlState(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * An error about the data rather than the database: SQLSTATE class 22 (data exception), 23
 * (integrity constraint) or 54 (program limit, such as an index row too large). Running the
 * same data again would fail the same way; other rows of a batch may not.
 */
export function isDataError(err: unknown): boolean {
  const code = sqlState(err);
  return code !== null && ['22', '23', '54'].includes(code.slice(0, 2));
}

/** Node's socket errors: the database host refused, dropped or never answered the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** node-postgres's and PGlite's own words for a connection that is gone or never came. */
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|not queryable|cannot use a pool after calling end|PGlite is closed/i;

/**
 * An error that says the database cannot be reached rather than anything about the request:
 * SQLSTATE class 08 (connection exception), 53 (insufficient resources, such as too many
 * connections or a full disk), 57P01–57P03 (shutting down, starting up), or a socket error.
 * Sending the same request again later may well succeed.
 */
export function isUnavailable(err: unknown): boolean {
  const code = sqlState(err);
  if (code) return code.startsWith('08') || code.startsWith('53') || ['57P01', '57P02', '57P03'].includes(code);
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (err instanceof AggregateError) return err.errors.some(isUnavailable);
  return typeof e?.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}
