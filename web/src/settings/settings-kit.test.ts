import { describe, expect, it } from 'vitest';
import { conditionValueFromText } from './rule-text.ts';
import { bpsToPercentText, percentToBps } from './settings-kit.ts';

describe('percentToBps', () => {
  it('reads whole and decimal percentages exactly, with either separator', () => {
    expect(percentToBps('20')).toBe(2000);
    expect(percentToBps('12.5')).toBe(1250);
    expect(percentToBps('65,55')).toBe(6555);
    expect(percentToBps(' 0 ')).toBe(0);
    expect(percentToBps('0.07')).toBe(7);
  });

  it('refuses what is not a percentage with at most two decimals', () => {
    expect(percentToBps('')).toBeNull();
    expect(percentToBps('lots')).toBeNull();
    expect(percentToBps('-5')).toBeNull();
    expect(percentToBps('1.234')).toBeNull();
  });

  it('round-trips through the input text', () => {
    for (const bps of [0, 7, 70, 1250, 6555, 10_000]) expect(percentToBps(bpsToPercentText(bps))).toBe(bps);
  });
});

describe('conditionValueFromText', () => {
  it('turns typed values into the API units', () => {
    expect(conditionValueFromText('discountBps', '>', '25', 'EUR')).toBe(2500);
    expect(conditionValueFromText('tcvMinor', '>=', '50000.50', 'EUR')).toBe(5_000_050);
    expect(conditionValueFromText('tcvMinor', '>=', '50000', 'JPY')).toBe(50_000);
    expect(conditionValueFromText('currency', 'in', 'usd, gbp', '')).toEqual(['USD', 'GBP']);
    expect(conditionValueFromText('belowFloor', '=', 'true', '')).toBe(true);
    expect(conditionValueFromText('termMonths', '>', '12', '')).toBe(12);
  });

  it('passes text that does not parse through, for the server to explain at the field', () => {
    expect(conditionValueFromText('discountBps', '>', 'lots', 'EUR')).toBe('lots');
    expect(conditionValueFromText('tcvMinor', '>', '1.234', 'EUR')).toBe('1.234');
  });
});
