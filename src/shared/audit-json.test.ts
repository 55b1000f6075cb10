import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { canonicalJsonText } from './audit-json.ts';
import { canonicalJson } from './json.ts';

// Keys that exercise the own-key order: integer-like ones, near misses, and the odd ones.
const awkwardKey = fc.oneof(
  fc.constantFrom('0', '1', '9', '10', '007', '-1', '1.5', '4294967294', '4294967295', '__proto__', 'constructor', 'toJSON', 'a', 'B', 'é', '\u2028', ''),
  fc.nat().map(String),
  fc.string(),
);
class Point {
  constructor(readonly x: number, readonly y: bigint) {}
}
// What audit rows hold (rows with Dates, bigints, jsonb objects) and what JSON.stringify treats specially.
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null), fc.boolean(), fc.double({ noNaN: false }), fc.integer(), fc.string(), fc.bigInt(), fc.constant(-0),
    fc.date(), fc.constant(undefined), fc.constant(() => 1), fc.constant(Symbol('s')),
    fc.integer().map((n) => Temporal.PlainDate.from({ year: 2026, month: 1, day: 1 }).add({ days: n % 1000 })),
    fc.tuple(fc.integer(), fc.bigInt()).map(([x, y]) => new Point(x, y)),
    tie('value').map((inner) => ({ toJSON: () => inner })),
    fc.oneof(fc.constant(Object(1)), fc.constant(Object('s')), fc.constant(Object(true))),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(awkwardKey, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonicalJsonText', () => {
  it('writes exactly what canonicalJson writes, whatever the value', () => {
    fc.assert(fc.property(anyValue, (value) => {
      expect(canonicalJsonText(value)).toBe(value === undefined ? 'null' : canonicalJson(value));
    }), { numRuns: 3000 });
  });

  it('orders keys as canonicalJson does and follows toJSON, bigints and left-out values', () => {
    const value = { b: 1, 10: 2, a: [undefined, 3n, Number.NaN], 9: new Date('2026-01-15T09:00:00.123Z'), gone: undefined, f: () => 1 };
    expect(canonicalJsonText(value)).toBe('{"9":"2026-01-15T09:00:00.123Z","10":2,"a":[null,"3",null],"b":1}');
    expect(canonicalJsonText(value)).toBe(canonicalJson(value));
  });

  it('falls back to canonicalJson for what it does not model, and fails as it does on a cycle', () => {
    expect(canonicalJsonText({ n: Object(5), s: Object('x') })).toBe('{"n":5,"s":"x"}');
    expect(() => canonicalJsonText({ n: Object(5n) })).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJsonText(loop)).toThrow(TypeError);
  });
});
