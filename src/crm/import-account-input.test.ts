import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { parseCreateAccountInput, parseNormalizedCreate } from './import-account-input.ts';
import { createAccountSchema, type CreateAccountInput } from './schema.ts';

// Values near every rule's edge: normalized ones (the fast path's), ones zod normalizes (spaces,
// case, URLs), and ones it refuses (empty, too long, wrong type, unknown codes, impossible dates).
const textValue = (max: number) => fc.oneof(
  fc.constantFrom('Acme', 'Ä Ö ü', 'x'.repeat(max), 'x'.repeat(max + 1), '', ' padded ', 'tab\t', '\u00a0nbsp'),
  fc.string({ maxLength: 8 }),
);
const nullish = fc.constantFrom(undefined, null);
const wrongType = fc.constantFrom(0, true, {}, [], 'NaN');
const optional = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, nullish, wrongType);
const customValue = fc.oneof(
  fc.string({ maxLength: 5 }), fc.constant('y'.repeat(2001)), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constant({ amountMinor: 1250, currency: 'EUR' }), fc.constant({ amountMinor: '12', currency: 'EUR', extra: 1 }), fc.constant([1]),
);
const customKey = fc.oneof(fc.constantFrom('arr', 'tier_2', 'Tier', '2x', 'a'.repeat(63), 'a'.repeat(64), '', 'toString'), fc.string({ maxLength: 4 }));
const anyInput = fc.record({
  name: optional(textValue(300)),
  domain: optional(fc.constantFrom('acme.com', 'https://www.Acme.com/x', 'ACME.COM', 'not a domain', 'x'.repeat(2001), '')),
  parentAccountId: optional(fc.constantFrom('acct_1', '', 'p'.repeat(100), 'p'.repeat(101))),
  segment: optional(textValue(100)),
  industry: optional(textValue(100)),
  country: optional(fc.constantFrom('DE', 'de', ' DE', 'XX', 'DEU', 'US', '')),
  employeeBand: optional(fc.constantFrom('1-10', '5001+', '1-11', '')),
  currency: optional(fc.constantFrom('EUR', 'eur', 'JPY', 'XXX', 'EU', ' USD', '')),
  customerSinceDate: optional(fc.constantFrom('2024-02-29', '2023-02-29', '2024-1-15', '2024-12-31', '15.01.2024')),
  taxId: optional(textValue(50)),
  billingAddress: optional(fc.constantFrom(
    'Musterstraße 1\n10115 Berlin', ' Musterstraße 1 \r\n\r\n10115 Berlin ', '', '\n \n', 'a\nb\nc\nd\ne\nf', 'a\nb\nc\nd\ne\nf\ng', 'x'.repeat(500), 'x'.repeat(501),
  )),
  customFields: fc.oneof(nullish, fc.constant([]), fc.dictionary(customKey, customValue, { maxKeys: 4 }), fc.constant(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])))),
  sourceSystem: optional(textValue(50)),
  externalId: optional(textValue(200)),
  ownerUserId: optional(fc.constantFrom('usr_1', '', 'u'.repeat(101))),
  unknownKey: fc.constant('x'),
}, { requiredKeys: [] });
// Mostly normalized rows (what imports send), each field now and then replaced by an awkward value.
const mostly = <T, U>(normalized: fc.Arbitrary<T>, awkward: fc.Arbitrary<U>) => fc.oneof({ weight: 12, arbitrary: normalized }, { weight: 1, arbitrary: awkward });
const importLikeInput = fc.record({
  name: mostly(fc.constantFrom('Acme', 'Account 1, bench', 'x'.repeat(300)), textValue(300)),
  domain: mostly(fc.constantFrom(undefined, null, 'acme.com', 'https://www.Acme.com/x'), fc.constantFrom('not a domain', '', 0)),
  country: mostly(fc.constantFrom(undefined, null, 'DE', 'IT'), fc.constantFrom('de', 'XX', ' DE')),
  employeeBand: mostly(fc.constantFrom(undefined, null, '11-50'), fc.constantFrom('1-11', '')),
  currency: mostly(fc.constantFrom('EUR', 'JPY', 'KWD'), fc.constantFrom('eur', 'XXX', undefined)),
  customerSinceDate: mostly(fc.constantFrom(undefined, null, '2024-02-29', '2024-12-31'), fc.constantFrom('2023-02-29', '2024-1-15')),
  billingAddress: mostly(fc.constantFrom(undefined, null, 'Via Roma 1\n00184 Roma RM'), fc.constantFrom('757 William Pass\n 74929 Katherinemouth\n', '', 'a\nb\nc\nd\ne\nf\ng')),
  customFields: mostly(fc.dictionary(fc.constantFrom('arr', 'tier_2', 'seats'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }), fc.dictionary(customKey, customValue, { maxKeys: 3 })),
  sourceSystem: mostly(fc.constantFrom(undefined, null, 'bench'), textValue(50)),
  externalId: mostly(fc.constantFrom(undefined, null, 'a-1'), textValue(200)),
  ownerUserId: mostly(fc.constantFrom(undefined, null, 'usr_1'), fc.constantFrom('', 'u'.repeat(101))),
}, { requiredKeys: ['name', 'currency'] });

function zodOutcome(input: unknown): { ok: true; value: unknown } | { ok: false; message: string; fieldErrors: unknown } {
  try {
    return { ok: true, value: parseInput(createAccountSchema, input) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  }
}

describe('parseCreateAccountInput', () => {
  it('gives what parseInput(createAccountSchema) gives, value or error, on arbitrary inputs', () => {
    let fast = 0;
    fc.assert(fc.property(fc.oneof(anyInput, importLikeInput), (input) => {
      if (parseNormalizedCreate(input) !== null) fast += 1;
      const expected = zodOutcome(input);
      if (expected.ok) {
        expect(parseCreateAccountInput(input as CreateAccountInput)).toStrictEqual(expected.value);
      } else {
        let thrown: unknown;
        try {
          parseCreateAccountInput(input as CreateAccountInput);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(AppError);
        expect({ message: (thrown as AppError).message, fieldErrors: (thrown as AppError).fieldErrors }).toEqual({ message: expected.message, fieldErrors: expected.fieldErrors });
      }
    }), { numRuns: 5000 });
    // The comparison means something only if the fast path answered for a good share of the inputs.
    expect(fast).toBeGreaterThan(500);
  });

  it('answers without zod for an import row in normalized form, and leaves the rest to zod', () => {
    const row = { name: 'Account 1, bench', currency: 'EUR', country: 'DE', customerSinceDate: '2024-03-15', customFields: { arr: '1.12' }, sourceSystem: 'bench', externalId: 'a-1' };
    expect(parseNormalizedCreate(row)).toStrictEqual(parseInput(createAccountSchema, row));
    expect(parseNormalizedCreate({ ...row, country: 'de' })).toBeNull();
    expect(parseNormalizedCreate({ ...row, customFields: { fee: { amountMinor: 100, currency: 'EUR' } } })).toBeNull();
    expect(() => parseCreateAccountInput({ ...row, currency: 'XXX' })).toThrow(/body\.currency: not an ISO 4217 currency code/);
  });
});
