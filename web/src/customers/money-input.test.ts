import { describe, expect, it } from 'vitest';
import { parseAmountToMinor } from './money-input.ts';

describe('parseAmountToMinor', () => {
  it('reads English and German decimal text exactly', () => {
    expect(parseAmountToMinor('123.45', 'EUR')).toEqual({ ok: true, amountMinor: '12345' });
    expect(parseAmountToMinor('123,45', 'EUR')).toEqual({ ok: true, amountMinor: '12345' });
    expect(parseAmountToMinor('1.234,56', 'EUR')).toEqual({ ok: true, amountMinor: '123456' });
    expect(parseAmountToMinor('1,234.56', 'USD')).toEqual({ ok: true, amountMinor: '123456' });
    expect(parseAmountToMinor(' 1 234,5 ', 'EUR')).toEqual({ ok: true, amountMinor: '123450' });
    expect(parseAmountToMinor('200', 'EUR')).toEqual({ ok: true, amountMinor: '20000' });
    expect(parseAmountToMinor('1,500', 'EUR')).toEqual({ ok: true, amountMinor: '150000' });
    expect(parseAmountToMinor('0.1', 'EUR')).toEqual({ ok: true, amountMinor: '10' });
    expect(parseAmountToMinor('90071992547409.93', 'EUR')).toEqual({ ok: true, amountMinor: '9007199254740993' });
  });

  it('follows the currency exponent', () => {
    expect(parseAmountToMinor('1500', 'JPY')).toEqual({ ok: true, amountMinor: '1500' });
    expect(parseAmountToMinor('1.5', 'JPY')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmountToMinor('1.234', 'KWD')).toEqual({ ok: true, amountMinor: '1234' });
    expect(parseAmountToMinor('1.999', 'EUR')).toEqual({ ok: true, amountMinor: '199900' });
    expect(parseAmountToMinor('1.2345', 'EUR')).toEqual({ ok: false, reason: 'decimals' });
  });

  it('keeps the sign for the server to judge and rejects what is not a number', () => {
    expect(parseAmountToMinor('-5', 'EUR')).toEqual({ ok: true, amountMinor: '-500' });
    expect(parseAmountToMinor('0', 'EUR')).toEqual({ ok: true, amountMinor: '0' });
    expect(parseAmountToMinor('', 'EUR')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAmountToMinor('12abc', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmountToMinor('1,2,3', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmountToMinor('.', 'EUR')).toEqual({ ok: false, reason: 'format' });
  });
});
