import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv-export.ts';
import { minorToDecimal } from './metric-format.ts';
import { toTableModel } from './table-model.ts';

describe('CSV export of a metric table', () => {
  it('writes money as exact decimal strings by the currency exponent', () => {
    expect(minorToDecimal(123450, 'USD')).toBe('1234.50');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(1234, 'JPY')).toBe('1234');
    expect(minorToDecimal(1234, 'KWD')).toBe('1.234');
    // Beyond 2^53 the API sends a string; it stays exact.
    expect(minorToDecimal('9007199254740993', 'USD')).toBe('90071992547409.93');
  });

  it('has one row per point with the extras, and quotes and neutralizes text', () => {
    const csv = buildCsv(toTableModel({
      metric: 'mrr', unit: 'money',
      series: [
        { period: '2024-01', segment: '=cmd, "x"', currency: 'USD', value: 37700, customers: 3 },
        { period: '2024-02', segment: null, currency: 'USD', value: 65700, customers: 4 },
      ],
    }), 'money');
    expect(csv).toBe('period,segment,currency,value,customers\r\n2024-01,"\'=cmd, ""x""",USD,377.00,3\r\n2024-02,,USD,657.00,4\r\n');
  });

  it('writes movement bridges with every money field as a decimal', () => {
    const csv = buildCsv(toTableModel([{
      period: '2024-03', currency: 'USD', mrrStartMinor: 65700, newMinor: 0, expansionMinor: 0, reactivationMinor: 0, contractionMinor: 2000, churnMinor: 20000, mrrEndMinor: 43700,
      customersStart: 4, customersNew: 0, customersReactivated: 0, customersChurned: 1, customersEnd: 3,
    }]), 'money');
    expect(csv.split('\r\n')[1]).toBe('2024-03,USD,657.00,0.00,0.00,0.00,20.00,200.00,437.00,4,0,0,1,3');
  });

  it('writes ratios as the API sent them and null as an empty cell', () => {
    const csv = buildCsv(toTableModel({ metric: 'nrr', unit: 'ratio', series: [{ period: '2024', value: 0.3349 }, { period: '2025', value: null }] }), 'ratio');
    expect(csv).toBe('period,value\r\n2024,0.3349\r\n2025,\r\n');
  });
});
