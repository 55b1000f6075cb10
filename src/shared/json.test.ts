import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonOfJsonValue, toJsonText, toJsonTextOnce, toJsonValue } from './json.ts';

// The implementations these functions replaced, kept as the reference their output must equal
// byte for byte: audit hashes already stored were computed with them.
const replaceBigint = (_key: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
const referenceValue = (value: unknown): unknown => JSON.parse(JSON.stringify(value, replaceBigint) ?? 'null');
function referenceSortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referenceSortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, referenceSortKeys(v)]));
  }
  return value;
}
const referenceCanonical = (value: unknown) => JSON.stringify(referenceSortKeys(referenceValue(value)));

// Keys that exercise the own-key order: integer-like ones, near misses, and the odd ones.
const awkwardKey = fc.oneof(
  fc.constantFrom('0', '1', '9', '10', '007', '-1', '1.5', '4294967294', '4294967295', '__proto__', 'constructor', 'a', 'B', 'é', '\u2028', ''),
  fc.nat().map(String),
  fc.string(),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null), fc.boolean(), fc.double({ noNaN: false }), fc.integer(), fc.string(), fc.bigInt(),
    fc.date({ noInvalidDate: true }), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(awkwardKey, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('json', () => {
  it('canonicalJson writes what sorting copies and stringifying wrote', () => {
    fc.assert(fc.property(jsonish, (value) => {
      expect(canonicalJson(value)).toBe(referenceCanonical(value));
    }), { numRuns: 2000 });
  });

  it('canonicalJsonOfJsonValue equals canonicalJson on plain JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(canonicalJsonOfJsonValue(value)).toBe(canonicalJson(value));
    }), { numRuns: 2000 });
    fc.assert(fc.property(jsonish, (value) => {
      const plain = toJsonValue(value);
      expect(canonicalJsonOfJsonValue(plain)).toBe(referenceCanonical(value));
    }), { numRuns: 2000 });
  });

  it('toJsonTextOnce is the text of toJsonValue, which is what the round trip gave', () => {
    fc.assert(fc.property(jsonish, (value) => {
      // Compared as text: toStrictEqual would take an own "constructor" key for a class.
      expect(JSON.stringify(toJsonValue(value))).toBe(JSON.stringify(referenceValue(value)));
      expect(toJsonTextOnce(value)).toBe(toJsonText(value));
    }), { numRuns: 2000 });
  });

  it('lists integer-like keys first, in numeric order, as an object rebuilt with sorted keys does', () => {
    expect(canonicalJsonOfJsonValue(JSON.parse('{"b":1,"10":2,"a":3,"9":4,"-1":5,"01":6}'))).toBe('{"9":4,"10":2,"-1":5,"01":6,"a":3,"b":1}');
    expect(canonicalJson({ amountMinor: 12n, at: new Date('2026-01-15T09:00:00.123Z'), gone: undefined })).toBe('{"amountMinor":"12","at":"2026-01-15T09:00:00.123Z"}');
  });
});
