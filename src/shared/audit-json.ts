import { canonicalJson, isArrayIndex, quotedKey } from './json.ts';

/**
 * canonicalJson(value) — the text an audit entry's before/after is hashed and stored as — in one
 * walk over the value itself. canonicalJson serializes (JSON.stringify, bigints as strings), parses
 * the text back and writes it again with sorted keys: three passes and a copy of the whole row per
 * entry, the largest part of an audit append's cost. This writes the same bytes directly, following
 * JSON.stringify's rules (toJSON once per value, bigints as decimal strings, non-finite numbers as
 * null, undefined/functions/symbols left out of objects and null in arrays) and canonicalJson's key
 * order (integer-like keys first in numeric order, then the others sorted). Anything else — boxed
 * primitives, a patched BigInt.prototype.toJSON, cycles — goes the long way (audit-json.test.ts
 * checks the two agree on arbitrary values).
 */
export function canonicalJsonText(value: unknown): string {
  if (BIGINT_HAS_TO_JSON()) return canonicalJson(value);
  try {
    return write(value, '', false) ?? 'null';
  } catch (error) {
    if (error === UNUSUAL || error instanceof RangeError) return canonicalJson(value);
    throw error;
  }
}

/** Thrown on a value this walk does not model; the caller falls back to canonicalJson. */
const UNUSUAL = new Error('unusual value');
const MAX_DEPTH = 200;

const BIGINT_HAS_TO_JSON = () => typeof (BigInt.prototype as { toJSON?: unknown }).toJSON === 'function';

/** The canonical text of `value` as the property `key`, or undefined where JSON.stringify leaves it out. */
function write(value: unknown, key: string, afterToJson: boolean, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) throw UNUSUAL;
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'number': return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return `"${value.toString()}"`;
    case 'undefined': case 'function': case 'symbol': return undefined;
    default: break;
  }
  if (value === null) return 'null';
  const object = value as { toJSON?: unknown };
  if (!afterToJson && typeof object.toJSON === 'function') return write((object.toJSON as (key: string) => unknown)(key), key, true, depth);
  if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) throw UNUSUAL;
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i === 0 ? '' : ',') + (write(value[i], String(i), false, depth + 1) ?? 'null');
    return `${text}]`;
  }
  return writeObject(value as Record<string, unknown>, depth);
}

function writeObject(record: Record<string, unknown>, depth: number): string {
  const ordered = orderedKeys(Object.keys(record));
  let text = '{';
  for (const key of ordered) {
    const item = write(record[key], key, false, depth + 1);
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${quotedKey(key)}:${item}`;
  }
  return `${text}}`;
}

// Audit entries of one batch repeat a few key lists (a table's columns, a custom field set): their
// canonical order is kept for the last few lists seen instead of sorted again for every row.
const ORDER_CACHE_SIZE = 8;
const orderCache: Array<{ keys: string[]; ordered: readonly string[] }> = [];

/** canonicalJson's key order: integer-like keys first in numeric order (own-key order gives that), then the rest sorted. */
function orderedKeys(keys: string[]): readonly string[] {
  for (const entry of orderCache) if (sameKeys(entry.keys, keys)) return entry.ordered;
  let firstText = 0;
  while (firstText < keys.length && isArrayIndex(keys[firstText] as string)) firstText += 1;
  const ordered = [...keys.slice(0, firstText), ...keys.slice(firstText).sort()];
  if (orderCache.length === ORDER_CACHE_SIZE) orderCache.pop();
  orderCache.unshift({ keys, ordered });
  return ordered;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
