import { describe, expect, it } from 'vitest';
import { chartNumberFormat } from './series-lines.ts';

const nbsp = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

describe('chartNumberFormat', () => {
  it('writes one currency as money, several with their minor digits, shares as percentages', () => {
    expect(nbsp(chartNumberFormat('money', ['EUR'], 'de-DE')(84_125.5))).toBe('84.125,50 €');
    expect(chartNumberFormat('money', ['EUR', 'GBP', 'USD'], 'de-DE')(84_125.5)).toBe('84.125,50');
    expect(chartNumberFormat('money', [], 'en-US')(84_125.5)).toBe('84,125.50');
    expect(chartNumberFormat('money', ['JPY', 'KRW'], 'en-US')(1_234)).toBe('1,234');
    expect(chartNumberFormat('money', ['JPY', 'USD'], 'en-US')(1_234)).toBe('1,234.00');
    expect(nbsp(chartNumberFormat('ratio', [], 'de-DE')(0.1234))).toBe('12,34 %');
    expect(chartNumberFormat('count', [], 'en-US')(1_234.5)).toBe('1,234.5');
  });
});
