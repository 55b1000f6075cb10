/** JSON with bigint support: bigints become decimal strings, keys sorted for hashing. */
export function toJsonValue(value: unknown): unknown {
  return JSON.parse(toJsonTextOnce(value));
}

export function toJsonText(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}

/**
 * toJsonText's text in one pass (no parse and re-stringify): the same JSON value, for callers that
 * write it out as it is (jsonb columns). JSON.parse of it equals toJsonValue(value).
 */
export function toJsonTextOnce(value: unknown): string {
  // Most values have no bigint: without a replacer JSON.stringify runs several times faster, and a
  // bigint makes it throw (a TypeError) before anything is returned, so the retry sees the same value.
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  }
}

/** Deterministic serialization: object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return canonicalJsonOfJsonValue(toJsonValue(value));
}

/**
 * canonicalJson of a value that is already plain JSON (as JSON.parse returns it: objects, arrays,
 * strings, finite numbers, booleans, null), written directly instead of through sorted copies.
 * Byte for byte what canonicalJson writes (json.test.ts checks it on arbitrary JSON), including
 * its one quirk: an object rebuilt with sorted keys still lists integer-like keys ("0", "12")
 * first, in numeric order (JavaScript's own-key order), before the other keys in sorted order.
 */
export function canonicalJsonOfJsonValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i === 0 ? '' : ',') + canonicalJsonOfJsonValue(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Own keys come integer-like first (already in numeric order), then the rest: only the rest is sorted.
  let firstText = 0;
  while (firstText < keys.length && isArrayIndex(keys[firstText] as string)) firstText += 1;
  const ordered = firstText === 0 ? keys.sort() : [...keys.slice(0, firstText), ...keys.slice(firstText).sort()];
  let text = '{';
  for (const key of ordered) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${quotedKey(key)}:${canonicalJsonOfJsonValue(item)}`;
  }
  return `${text}}`;
}

// Audit rows repeat the same few dozen keys (column names): their quoted form is kept, up to a bound.
const QUOTED_KEYS = new Map<string, string>();
const QUOTED_KEYS_MAX = 10_000;

export function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < QUOTED_KEYS_MAX) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/** An "array index" key (ECMAScript): ordinary objects list these first, ascending. */
export function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && key.length > 1) || key.length > 10) return false;
  for (let i = 1; i < key.length; i += 1) {
    const code = key.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return Number(key) <= MAX_ARRAY_INDEX;
}
