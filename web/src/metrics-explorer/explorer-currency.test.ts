import { describe, expect, it } from 'vitest';
import { dashboardSettingsOf } from '../dashboard/dashboard-reports.ts';
import { currencyParam, explorerSearch, namedCurrency, parseExplorerState } from './explorer-state.ts';

const NOW = new Date('2026-01-15T12:00:00Z');
const search = (text: string) => new URLSearchParams(text);

// The company reporting currency is the default of a view whose URL names no currency;
// `currency=original` is the explicit "per currency" (docs/metrics.md "Reporting currency").
describe('the reporting currency of a view', () => {
  it('reads a code, "original" (per currency) or nothing it can use from the URL', () => {
    expect(namedCurrency(search('currency=usd'))).toBe('USD');
    expect(namedCurrency(search('currency=Original'))).toBeNull();
    expect(namedCurrency(search(''))).toBeUndefined();
    expect(namedCurrency(search('currency=euro'))).toBeUndefined();
  });

  it('is the company currency when the URL names none, and the URL choice when it does', () => {
    const base = 'metric=arr&from=2024-01&to=2024-06&interval=month';
    expect(parseExplorerState(search(base), NOW, 'EUR').currency).toBe('EUR');
    expect(parseExplorerState(search(`${base}&currency=GBP`), NOW, 'EUR').currency).toBe('GBP');
    expect(parseExplorerState(search(`${base}&currency=original`), NOW, 'EUR').currency).toBeNull();
    expect(parseExplorerState(search(base), NOW, null).currency).toBeNull();
    expect(dashboardSettingsOf(search('from=2024-01&to=2024-04'), 'EUR').currency).toBe('EUR');
    expect(dashboardSettingsOf(search('from=2024-01&to=2024-04&currency=original'), 'EUR').currency).toBeNull();
  });

  it('writes "original" only where no parameter would mean the company currency, and reads back what it wrote', () => {
    expect(currencyParam(null, 'EUR')).toBe('original');
    expect(currencyParam(null, null)).toBeNull();
    expect(currencyParam('USD', 'EUR')).toBe('USD');
    const perCurrency = parseExplorerState(search('metric=arr&from=2024-01&to=2024-06&interval=month&currency=original'), NOW, 'EUR');
    const written = explorerSearch(perCurrency, 'EUR');
    expect(written).toBe('metric=arr&from=2024-01&to=2024-06&interval=month&currency=original');
    expect(parseExplorerState(search(written), NOW, 'EUR')).toEqual(perCurrency);
    const converted = parseExplorerState(search('metric=arr&from=2024-01&to=2024-06&interval=month'), NOW, 'EUR');
    expect(parseExplorerState(search(explorerSearch(converted, 'EUR')), NOW, 'EUR')).toEqual(converted);
  });
});
