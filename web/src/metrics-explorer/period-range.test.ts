import { describe, expect, it } from 'vitest';
import { explorerSearch, parseExplorerState } from './explorer-state.ts';
import { alignRange, lastDateOfMonth, monthsOfPeriod, presetOf, presetRange } from './period-range.ts';

const NOW = new Date(2026, 0, 15, 12); // 15 January 2026, local time

describe('report periods in the browser', () => {
  it('offers presets relative to the current month', () => {
    expect(presetRange('last12Months', NOW)).toEqual({ from: '2025-02', to: '2026-01' });
    expect(presetRange('thisYear', NOW)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(presetRange('lastYear', NOW)).toEqual({ from: '2025-01', to: '2025-12' });
    expect(presetOf({ from: '2025-01', to: '2025-12' }, NOW)).toBe('lastYear');
    expect(presetOf({ from: '2024-01', to: '2024-04' }, NOW)).toBe('custom');
  });

  it('widens a range to whole calendar quarters and years (the server refuses partial ones)', () => {
    expect(alignRange({ from: '2025-02', to: '2026-01' }, 'quarter')).toEqual({ from: '2025-01', to: '2026-03' });
    expect(alignRange({ from: '2025-02', to: '2026-01' }, 'year')).toEqual({ from: '2025-01', to: '2026-12' });
    expect(alignRange({ from: '2025-02', to: '2026-01' }, 'month')).toEqual({ from: '2025-02', to: '2026-01' });
    // Spread over a changed state, a monthly range must not put back the old fields (it did: picking
    // another metric at a monthly interval left the explorer on the first one).
    const state = parseExplorerState(new URLSearchParams('metric=mrr&from=2025-02&to=2026-01&interval=month'), NOW);
    expect({ ...state, metric: 'win-rate', ...alignRange(state, 'month') }.metric).toBe('win-rate');
  });

  it('narrows an explain request to the months of the clicked period', () => {
    const range = { from: '2024-01', to: '2024-12' };
    expect(monthsOfPeriod('2024-03', range)).toEqual({ from: '2024-03', to: '2024-03' });
    expect(monthsOfPeriod('2024-Q2', range)).toEqual({ from: '2024-04', to: '2024-06' });
    expect(monthsOfPeriod('2024', range)).toEqual({ from: '2024-01', to: '2024-12' });
    expect(monthsOfPeriod('2024-03-05', range)).toEqual({ from: '2024-03', to: '2024-03' });
    // ISO week 2024-W09 runs Monday 26 February to Sunday 3 March.
    expect(monthsOfPeriod('2024-W09', range)).toEqual({ from: '2024-02', to: '2024-03' });
    // 2020-W53 runs Monday 28 December 2020 to Sunday 3 January 2021.
    expect(monthsOfPeriod('2020-W53', range)).toEqual({ from: '2020-12', to: '2021-01' });
    expect(monthsOfPeriod('all', range)).toEqual(range);
    expect(lastDateOfMonth('2024-02')).toBe('2024-02-29');
  });

  it('keeps the explorer state in the URL and ignores what it cannot use', () => {
    const state = parseExplorerState(new URLSearchParams('metric=arr&from=2024-01&to=2024-06&interval=quarter&breakdown=segment&value=smb&currency=eur'), NOW);
    expect(state).toEqual({ metric: 'arr', from: '2024-01', to: '2024-06', interval: 'quarter', breakdown: 'segment', segmentValue: 'smb', currency: 'EUR', asOf: null });
    expect(explorerSearch(state)).toBe('metric=arr&from=2024-01&to=2024-06&interval=quarter&breakdown=segment&value=smb&currency=EUR');
    const fallback = parseExplorerState(new URLSearchParams('from=2024-13&to=2024-01&interval=hourly&breakdown=planet&currency=euro'), NOW);
    expect(fallback).toEqual({ metric: 'mrr', from: '2025-02', to: '2026-01', interval: 'month', breakdown: null, segmentValue: null, currency: null, asOf: null });
  });

  it('keeps asOf in the URL as written (the API judges it)', () => {
    const state = parseExplorerState(new URLSearchParams('metric=mrr&from=2024-01&to=2024-03&interval=month&asOf=2024-03-31T21:59:59Z'), NOW);
    expect(state.asOf).toBe('2024-03-31T21:59:59Z');
    expect(explorerSearch(state)).toBe('metric=mrr&from=2024-01&to=2024-03&interval=month&asOf=2024-03-31T21%3A59%3A59Z');
    expect(parseExplorerState(new URLSearchParams(explorerSearch(state)), NOW)).toEqual(state);
    expect(parseExplorerState(new URLSearchParams('metric=mrr&asOf='), NOW).asOf).toBeNull();
  });
});
