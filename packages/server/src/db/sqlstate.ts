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
