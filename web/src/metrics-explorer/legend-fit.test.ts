import { describe, expect, it } from 'vitest';
import { seriesOption } from './chart-builders.ts';
import { fitLegend, legendRows } from './legend-fit.ts';

// 6 px a character: "Kundenabwanderungsrate" (22) is 132 px, an item 25 + 5 + 132 = 162 px.
const measure = (text: string) => text.length * 6;
const churn = ['Kundenabwanderungsrate', 'Brutto-MRR-Abwanderungsrate', 'Netto-MRR-Abwanderungsrate'];

describe('legendRows', () => {
  it('wraps names as ECharts lays them out: items and their gaps within the width less the padding', () => {
    // Items 162, 192, 186 px, 10 px apart: 162 + 10 + 192 + 10 + 186 = 560.
    expect(legendRows(churn, 570, measure)).toBe(1);
    expect(legendRows(churn, 569, measure)).toBe(2);
    expect(legendRows(churn, 200, measure)).toBe(3);
    expect(legendRows([], 200, measure)).toBe(0);
  });
});

describe('fitLegend', () => {
  const option = seriesOption({ categories: ['Jan', 'Feb'], lines: churn.map((name) => ({ name, values: [1, 2] })), kind: 'line', locale: 'de', format: String });

  it('leaves an option whose legend fits one row as built', () => {
    expect(fitLegend(option, 800, measure)).toBe(option);
  });

  it('lets a longer legend wrap rather than page, and lowers the plot by a row for each further row', () => {
    const fitted = fitLegend(option, 480, measure);
    expect(fitted.legend).toMatchObject({ show: true, type: 'plain' });
    expect(fitted.grid).toMatchObject({ top: 56, left: 8, containLabel: true });
    expect(fitLegend(option, 200, measure).grid).toMatchObject({ top: 80 });
  });

  it('does nothing for a chart without a legend', () => {
    const single = seriesOption({ categories: ['Jan'], lines: [{ name: churn[0] ?? '', values: [1] }], kind: 'bar', locale: 'de', format: String });
    expect(fitLegend(single, 100, measure)).toBe(single);
  });
});
