import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PREFIXES, decodeIdTimeMs, isId, newId, type IdPrefix } from './ids.ts';

const prefixes = Object.values(ID_PREFIXES);
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/; // Crockford base32: no I, L, O, U
const ulidOf = (id: string) => id.slice(id.indexOf('_') + 1);
const MAX_TIME_MS = 2 ** 48 - 1;

describe('ID_PREFIXES', () => {
  it('lists every entity prefix once, as lowercase letters', () => {
    expect(ID_PREFIXES).toMatchObject({
      account: 'acct', contact: 'cont', lead: 'lead', opportunity: 'opp', quote: 'quo', order: 'ord', subscription: 'sub',
      invoice: 'inv', payment: 'pay', journalEntry: 'je', user: 'usr', apiKey: 'key', event: 'evt', webhook: 'whk',
      delivery: 'dlv', audit: 'aud', campaign: 'cmp', product: 'prod', session: 'ses', team: 'team', activity: 'act',
      ticket: 'tkt', import: 'imp', priceBook: 'pbk', price: 'price', booking: 'bkg', commission: 'cms', creditNote: 'cn',
      accountMerge: 'mrg', matchCandidate: 'mtc', savedView: 'view',
    });
    expect(prefixes).toHaveLength(53);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[a-z]+$/);
  });
});

describe('newId', () => {
  it('is the prefix, an underscore and a 26-character ULID', () => {
    const id = newId('inv');
    expect(id).toMatch(/^inv_[0-9A-Z]{26}$/);
    expect(ulidOf(id)).toMatch(ULID);
    expect(isId(id, 'inv')).toBe(true);
  });

  it('encodes the time so that ids sort by creation time', () => {
    expect(ulidOf(newId('acct', 0)).slice(0, 10)).toBe('0000000000');
    expect(ulidOf(newId('acct', MAX_TIME_MS)).slice(0, 10)).toBe('7ZZZZZZZZZ');
    expect(ulidOf(newId('acct', 1_700_000_000_000)).slice(0, 10)).toBe('01HF7YAT00');
    expect(ulidOf(newId('acct', 1_469_918_176_385)).slice(0, 10)).toBe('01ARYZ6S41'); // the ULID spec's example
    expect(decodeIdTimeMs(newId('acct', 1_700_000_000_123))).toBe(1_700_000_000_123);
  });

  it('is monotonic within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId('evt', 1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws a fresh random part in each new millisecond', () => {
    const randomParts = Array.from({ length: 200 }, (_, i) => ulidOf(newId('evt', 1_000 + i)).slice(10));
    expect(new Set(randomParts).size).toBe(randomParts.length);
    // Increments within a millisecond would make neighbours share a long common head; fresh draws do not.
    const sharedHeads = randomParts.slice(1).filter((part, i) => part.slice(0, 8) === randomParts[i]?.slice(0, 8));
    expect(sharedHeads.length).toBeLessThan(3);
  });

  it('uses the system clock by default', () => {
    const before = Date.now();
    const timeMs = decodeIdTimeMs(newId('usr'));
    expect(timeMs).toBeGreaterThanOrEqual(before);
    expect(timeMs).toBeLessThanOrEqual(Date.now());
  });

  it('rejects unknown prefixes and impossible times', () => {
    expect(() => newId('nope' as IdPrefix)).toThrow(RangeError);
    for (const bad of [-1, 1.5, MAX_TIME_MS + 1, Number.NaN]) expect(() => newId('acct', bad)).toThrow(RangeError);
  });

  it('sorts by time across milliseconds (property)', () => {
    const arbTime = fc.integer({ min: 0, max: MAX_TIME_MS });
    fc.assert(fc.property(fc.constantFrom(...prefixes), arbTime, arbTime, (prefix, t1, t2) => {
      const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
      const first = newId(prefix, early);
      const second = newId(prefix, late);
      expect(first < second).toBe(true);
      expect(isId(first, prefix) && isId(second, prefix)).toBe(true);
      expect([decodeIdTimeMs(first), decodeIdTimeMs(second)]).toEqual([early, late]);
    }));
  });
});

describe('isId', () => {
  const valid = newId('acct', 1_700_000_000_000);

  it('accepts only well-formed ids of the given prefix', () => {
    expect(isId(valid, 'acct')).toBe(true);
    expect(isId(valid, 'cont')).toBe(false);
    expect(isId(valid.replace('acct_', 'acct-'), 'acct')).toBe(false);
    expect(isId(`acct_${ulidOf(valid).toLowerCase()}`, 'acct')).toBe(false);
    expect(isId(`acct_${ulidOf(valid).slice(1)}`, 'acct')).toBe(false);
    expect(isId(`${valid}0`, 'acct')).toBe(false);
    expect(isId(`acct_8${ulidOf(valid).slice(1)}`, 'acct')).toBe(false); // beyond 48 bits of time
    expect(isId(`acct_${ulidOf(valid).slice(0, 25)}U`, 'acct')).toBe(false); // U is not Crockford
    expect(isId(` ${valid}`, 'acct')).toBe(false);
    for (const notString of [undefined, null, 42, {}, [valid]]) expect(isId(notString, 'acct')).toBe(false);
  });

  it('narrows the type', () => {
    const value: unknown = valid;
    if (!isId(value, 'acct')) throw new Error('expected an account id');
    const narrowed: `acct_${string}` = value;
    expect(narrowed).toBe(valid);
  });

  it('rejects malformed ids in decodeIdTimeMs', () => {
    for (const bad of ['', 'acct', 'acct_', 'zzz_01HF5BJ7000000000000000000', `${valid}X`]) {
      expect(() => decodeIdTimeMs(bad)).toThrow(RangeError);
    }
  });
});
