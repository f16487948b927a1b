/** A UTF-16 surrogate without its other half, which is not text: jsonb refuses its `\u` escape. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Containers nested deeper than this are kept as their JSON text, in a string. Postgres parses
 * jsonb by recursion: PGlite's WASM stack runs out a few thousand levels down (and the instance
 * hangs after), Postgres's `max_stack_depth` some tens of thousands down. Stripe's events are
 * about ten levels deep.
 */
export const MAX_JSON_DEPTH = 100;

/** Whether the text holds half a surrogate pair (a `\ud800` in JSON with nothing after it). */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/**
 * The text as Postgres can store it: each NUL (which neither text nor jsonb holds) and each lone
 * surrogate replaced by U+FFFD, the replacement character. Other text is returned as it is.
 */
export function storableText(text: string): string {
  if (!text.includes('\u0000') && !SURROGATE.test(text)) return text;
  return text.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

interface Open {
  value: object;
  /** An object's keys to write, or null for an array. */
  keys: string[] | null;
  length: number;
  next: number;
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** A value's JSON stand-in, as JSON.stringify takes it (a Date's toJSON, say). */
function jsonValue(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(value, key) : value;
}

/**
 * JSON text of `value` that a jsonb column accepts, as JSON.stringify would write it except that
 * every string, keys included, is `storableText`, and that containers nested deeper than
 * `maxDepth` are kept as their own JSON text, in a string. It works with a stack of its own, so
 * no depth overflows the call stack, as JSON.stringify's recursion does some thousands deep.
 */
export function storableJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string {
  const out: string[] = [];
  const stack: Open[] = [];
  const opened = new Set<object>();
  let current = jsonValue(value, '');
  for (;;) {
    if (current !== null && typeof current === 'object') {
      if (opened.has(current)) throw new TypeError('Converting circular structure to JSON');
      if (stack.length >= maxDepth) {
        out.push(JSON.stringify(storableJson(current, Number.POSITIVE_INFINITY)));
      } else if (Array.isArray(current)) {
        out.push('[');
        stack.push({ value: current, keys: null, length: current.length, next: 0 });
        opened.add(current);
      } else {
        const object = current as Record<string, unknown>;
        const keys = Object.keys(object).filter((k) => !skipped(jsonValue(object[k], k)));
        out.push('{');
        stack.push({ value: current, keys, length: keys.length, next: 0 });
        opened.add(current);
      }
    } else if (typeof current === 'string') {
      out.push(JSON.stringify(storableText(current)));
    } else if (typeof current === 'bigint') {
      out.push(current.toString());
    } else {
      // Numbers (non-finite ones as null), booleans, null; what JSON has no room for is null.
      out.push(skipped(current) ? 'null' : JSON.stringify(current));
    }
    // The next value to write, closing each container that is done.
    for (;;) {
      const open = stack.at(-1);
      if (!open) return out.join('');
      if (open.next < open.length) {
        const i = open.next++;
        if (i > 0) out.push(',');
        if (open.keys) {
          const key = open.keys[i] as string;
          out.push(JSON.stringify(storableText(key)), ':');
          current = jsonValue((open.value as Record<string, unknown>)[key], key);
        } else {
          current = jsonValue((open.value as unknown[])[i], String(i));
        }
        break;
      }
      out.push(open.keys ? '}' : ']');
      stack.pop();
      opened.delete(open.value);
    }
  }
}
