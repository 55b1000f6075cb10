import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv-export.ts';
import type { MetricResult, MovementRow } from './metrics-api.ts';
import { toTableModel } from './table-model.ts';

describe('the table of a report as of an instant', () => {
  it('puts the restated figure and the restatement beside the reported one, and flags a series that exists only now', () => {
    const result: MetricResult = {
      metric: 'mrr', unit: 'money', series: [
        { period: '2024-03', currency: 'USD', value: 20_000, restatedValue: 30_000, restatement: 10_000, customers: 2 },
        { period: '2024-03', currency: 'EUR', value: null, restatedValue: 5_000, restatement: null, restatedOnly: true },
      ],
    };
    const model = toTableModel(result);
    expect(model.columns.map((column) => `${column.key}:${column.kind}`)).toEqual(['period:period', 'currency:text', 'value:figure', 'restatedValue:restated', 'restatement:restated', 'customers:number']);
    expect(model.rows.map((row) => [row.cells['value'], row.cells['restatedValue'], row.cells['restatement'], row.restatedOnly])).toEqual([[20_000, 30_000, 10_000, false], [null, 5_000, null, true]]);
    // CSV: money as exact decimals in the row's currency, for the restated columns too.
    expect(buildCsv(model, 'money').split('\r\n')[1]).toBe('2024-03,USD,200.00,300.00,100.00,2');
  });

  it('adds the restated closing MRR and its restatement to a movements bridge', () => {
    const bridge = { mrrStartMinor: 0, newMinor: 20_000, expansionMinor: 0, contractionMinor: 0, churnMinor: 0, reactivationMinor: 0, mrrEndMinor: 20_000, customersStart: 0, customersNew: 1, customersChurned: 0, customersReactivated: 0, customersEnd: 1 };
    const rows: MovementRow[] = [{ period: '2024-03', currency: 'USD', ...bridge, restated: { ...bridge, mrrEndMinor: 30_000 }, restatementMinor: 10_000 }];
    const model = toTableModel(rows);
    expect(model.columns.slice(-2)).toEqual([{ key: 'restatedMrrEndMinor', kind: 'money' }, { key: 'restatementMinor', kind: 'money' }]);
    expect([model.rows[0]?.cells['restatedMrrEndMinor'], model.rows[0]?.cells['restatementMinor']]).toEqual([30_000, 10_000]);
  });

  it('has no restatement columns without asOf', () => {
    const model = toTableModel({ metric: 'mrr', unit: 'money', series: [{ period: '2024-03', currency: 'USD', value: 20_000 }] });
    expect(model.columns.map((column) => column.key)).toEqual(['period', 'currency', 'value']);
  });
});
