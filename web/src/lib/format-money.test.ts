import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_EXPONENTS } from '../../../src/shared/money.ts';
import { formatDecimalMoney, formatMoney } from './format-money.ts';

describe('formatMoney', () => {
  it('scales by the ISO 4217 exponent and formats in the locale', () => {
    expect(formatMoney(123456789n, 'EUR', 'de')).toBe('1.234.567,89\u00a0€');
    expect(formatMoney(123456789, 'EUR', 'en-US')).toBe('€1,234,567.89');
    expect(formatMoney('-5', 'USD', 'en-US')).toBe('-$0.05');
    expect(formatMoney(0, 'EUR', 'it')).toBe('0,00\u00a0€');
    expect(formatMoney(1234, 'JPY', 'ja')).toBe('￥1,234');
    expect(formatMoney(1234, 'KWD', 'en')).toBe('KWD\u00a01.234');
    expect(formatMoney(1500, 'RUB', 'ru')).toBe('15,00\u00a0₽');
  });

  it('keeps real minor units where Intl would show none (HUF, IQD), without inventing any', () => {
    expect(formatMoney(12345, 'HUF', 'en')).toBe('HUF\u00a0123.45');
    expect(formatMoney(12300, 'HUF', 'en')).toBe('HUF\u00a0123');
    expect(formatMoney(1500, 'IQD', 'en')).toBe('IQD\u00a01.5');
  });

  it('is exact beyond the float range', () => {
    expect(formatMoney(9007199254740993n, 'EUR', 'en-US')).toBe('€90,071,992,547,409.93');
    expect(formatMoney('-900719925474099301', 'USD', 'en-US')).toBe('-$9,007,199,254,740,993.01');
  });

  it('rejects non-integers and unknown currencies', () => {
    expect(() => formatMoney(1.5, 'EUR', 'en')).toThrow(RangeError);
    expect(() => formatMoney('12.30', 'EUR', 'en')).toThrow(RangeError);
    expect(() => formatMoney(100, 'XAU', 'en')).toThrow(RangeError);
  });

  it('round-trips: the text read back is the amount, for every ISO currency', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.constantFrom(...Object.keys(CURRENCY_EXPONENTS)), (amountMinor, currency) => {
        const text = formatMoney(amountMinor, currency, 'en-US');
        const exponent = CURRENCY_EXPONENTS[currency] ?? 0;
        // The number part only: some symbols contain a period themselves (XCG is "Cg.").
        const number = /\d[\d,]*(?:\.\d+)?/.exec(text)?.[0] ?? '';
        const [whole = '', fraction = ''] = number.replace(/,/g, '').split('.');
        expect(fraction.length).toBeLessThanOrEqual(exponent);
        const readBack = BigInt(whole + fraction.padEnd(exponent, '0'));
        expect(text.startsWith('-') ? -readBack : readBack).toBe(amountMinor);
      }),
    );
  });
});

describe('formatDecimalMoney (usage unit prices below one minor unit)', () => {
  it('keeps every digit of a sub-cent price and at least the currency’s own digits', () => {
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(formatDecimalMoney('0.0004', 'EUR', 'en-US')).toBe('€0.0004');
    expect(plain(formatDecimalMoney('0.0004', 'EUR', 'de-DE'))).toBe('0,0004 €');
    expect(formatDecimalMoney('0.5', 'USD', 'en-US')).toBe('$0.50');
    expect(formatDecimalMoney('0.00000000000000000001', 'USD', 'en-US')).toBe('$0.00000000000000000001');
    expect(() => formatDecimalMoney('1e-4', 'EUR', 'en-US')).toThrow(RangeError);
  });
});
