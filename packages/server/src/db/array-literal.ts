/**
 * Postgres array literals for statements that take a column of values as one `$n::text[]` or
 * `$n::bool[]` parameter (the ping batch). node-postgres would encode a JavaScript array itself,
 * running two regular-expression replaces over every element; on the ping path that cost the
 * server about 8 µs of CPU per ping (bench/RESULTS.md). Here every element is quoted, so empty
 * strings, `NULL`, commas, braces and spaces keep their meaning, and only an element holding a
 * quote or a backslash is escaped. Both engines parse the literal with Postgres's own array
 * input. Text must not contain NUL, which Postgres text cannot hold either way.
 */
const MUST_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

export function textArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else literal += `"${MUST_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value}"`;
  }
  return `${literal}}`;
}

export function boolArray(values: readonly boolean[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) literal += (i > 0 ? ',' : '') + (values[i] ? 't' : 'f');
  return `${literal}}`;
}
