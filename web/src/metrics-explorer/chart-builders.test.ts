import { describe, expect, it } from 'vitest';
import { seriesOption } from './chart-builders.ts';

describe('seriesOption', () => {
  const lines = [{ name: 'Offene Pipeline', values: [1, 2, 3, 4] }];
  const categories = ['Akquise', 'Qualifizierung', 'Bedarfsanalyse', 'Verhandlung'];

  it('shows every label of named categories, slanted, where a period axis may leave some out', () => {
    expect(seriesOption({ categories, lines, kind: 'bar', locale: 'de', format: String, named: true }).xAxis).toMatchObject({ axisLabel: { interval: 0, rotate: 30 } });
    expect(seriesOption({ categories, lines, kind: 'bar', locale: 'de', format: String }).xAxis).not.toHaveProperty('axisLabel');
  });
});
