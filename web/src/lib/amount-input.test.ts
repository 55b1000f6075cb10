import { describe, expect, it } from 'vitest';
import { parseDecimalText, parseTypedAmount, percentToBps, typedAmountMinor } from './amount-input.ts';

const amount = (amountMinor: bigint) => ({ ok: true, amountMinor });

describe('parseTypedAmount', () => {
  it('reads English and German decimal text exactly', () => {
    expect(parseTypedAmount('123.45', 'EUR')).toEqual(amount(12345n));
    expect(parseTypedAmount('123,45', 'EUR')).toEqual(amount(12345n));
    expect(parseTypedAmount('1.234,56', 'EUR')).toEqual(amount(123456n));
    expect(parseTypedAmount('1,234.56', 'USD')).toEqual(amount(123456n));
    expect(parseTypedAmount(' 1 234,5 ', 'EUR')).toEqual(amount(123450n));
    expect(parseTypedAmount('1\u202f234,56', 'EUR')).toEqual(amount(123456n));
    expect(parseTypedAmount('200', 'EUR')).toEqual(amount(20000n));
    expect(parseTypedAmount('100,5', 'EUR')).toEqual(amount(10050n));
    expect(parseTypedAmount('1,500', 'EUR')).toEqual(amount(150000n));
    expect(parseTypedAmount('0.1', 'EUR')).toEqual(amount(10n));
    expect(parseTypedAmount('90071992547409.93', 'EUR')).toEqual(amount(9007199254740993n));
  });

  it('follows the currency exponent', () => {
    expect(parseTypedAmount('1500', 'JPY')).toEqual(amount(1500n));
    expect(parseTypedAmount('1.500', 'JPY')).toEqual(amount(1500n));
    expect(parseTypedAmount('1.5', 'JPY')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseTypedAmount('1.234', 'KWD')).toEqual(amount(1234n));
    expect(parseTypedAmount('1.500', 'KWD')).toEqual(amount(1500n));
    expect(parseTypedAmount('1.999', 'EUR')).toEqual(amount(199900n));
    expect(parseTypedAmount('1.2345', 'EUR')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseTypedAmount('12', 'usd')).toEqual(amount(1200n));
    expect(parseTypedAmount('12', 'XXZ')).toEqual({ ok: false, reason: 'currency' });
  });

  it('keeps the sign only when asked to (the server then judges it)', () => {
    expect(parseTypedAmount('-5', 'EUR', { signed: true })).toEqual(amount(-500n));
    expect(parseTypedAmount('-5', 'EUR')).toEqual({ ok: false, reason: 'negative' });
    expect(parseTypedAmount('-0', 'EUR')).toEqual(amount(0n));
    expect(parseTypedAmount('0', 'EUR')).toEqual(amount(0n));
  });

  it('rejects what is not a number', () => {
    expect(parseTypedAmount('', 'EUR')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTypedAmount('   ', 'EUR')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTypedAmount('12abc', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseTypedAmount('1e3', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseTypedAmount('1,2,3', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseTypedAmount('1.2.3', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseTypedAmount('1234.567', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseTypedAmount('.', 'EUR')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('typedAmountMinor', () => {
  it('is the minor units or null', () => {
    expect(typedAmountMinor('1 234,56', 'EUR')).toBe(123456n);
    expect(typedAmountMinor('-5', 'EUR')).toBeNull();
    expect(typedAmountMinor('', 'EUR')).toBeNull();
  });
});

describe('parseDecimalText without grouping', () => {
  it('scales decimals by string, with either separator, refusing a third decimal rather than reading a group', () => {
    const scaled = (text: string, digits: number) => {
      const parsed = parseDecimalText(text, digits, { grouping: false });
      return parsed.ok ? parsed.scaled : null;
    };
    expect(scaled('1234.5', 2)).toBe(123_450n);
    expect(scaled('1 234,56', 2)).toBe(123_456n);
    expect(scaled('0.1', 2)).toBe(10n);
    expect(scaled('5.', 2)).toBe(500n);
    expect(scaled('19.999', 2)).toBeNull();
    expect(scaled('1,500', 2)).toBeNull();
    expect(scaled('1e3', 2)).toBeNull();
    expect(scaled('', 2)).toBeNull();
    expect(scaled('9007199254740993', 0)).toBe(9_007_199_254_740_993n);
  });
});

describe('typedAmountMinor without grouping (the opportunity amount of a lead conversion)', () => {
  const plain = (text: string, currency: string) => typedAmountMinor(text, currency, { grouping: false });
  it('scales by the ISO 4217 exponent without floats', () => {
    expect(plain('12500.00', 'EUR')).toBe(1250000n);
    expect(plain('12500,5', 'eur')).toBe(1250050n);
    expect(plain('1500', 'JPY')).toBe(1500n);
    expect(plain('1.234', 'KWD')).toBe(1234n);
    expect(plain('0.1', 'EUR')).toBe(10n);
  });

  it('refuses what is not a plain amount in that currency', () => {
    expect(plain('1.5', 'JPY')).toBeNull();
    expect(plain('1.001', 'EUR')).toBeNull();
    expect(plain('-5', 'EUR')).toBeNull();
    expect(plain('1e3', 'EUR')).toBeNull();
    expect(plain('', 'EUR')).toBeNull();
    expect(plain('10', 'ZZZ')).toBeNull();
  });
});

describe('percentToBps', () => {
  it('turns percentages into basis points, up to 100 % unless told otherwise', () => {
    expect(percentToBps('30')).toBe(3000);
    expect(percentToBps('12.5')).toBe(1250);
    expect(percentToBps('12,5')).toBe(1250);
    expect(percentToBps('100')).toBe(10_000);
    expect(percentToBps('100.01')).toBeNull();
    expect(percentToBps('150', 20_000)).toBe(15_000);
    expect(percentToBps('1.234')).toBeNull();
    expect(percentToBps('-5')).toBeNull();
  });
});
