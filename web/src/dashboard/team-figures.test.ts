import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../metrics-explorer/metrics-api.ts';
import { hasNoDeals, quarterFiguresOf, relativeChange, repRowsOf, teamQuartersOf, teamReportQuery } from './team-figures.ts';

const Q1 = teamQuartersOf(new Date(2026, 0, 15));

describe('teamQuartersOf', () => {
  it('is the calendar quarter of the local day and the one before, across a year end', () => {
    expect(Q1).toEqual({ current: '2026-Q1', previous: '2025-Q4', from: '2025-10', to: '2026-03' });
    expect(teamQuartersOf(new Date(2026, 5, 30, 23, 59))).toEqual({ current: '2026-Q2', previous: '2026-Q1', from: '2026-01', to: '2026-06' });
    expect(teamQuartersOf(new Date(2026, 11, 7))).toEqual({ current: '2026-Q4', previous: '2026-Q3', from: '2026-07', to: '2026-12' });
  });

  it('asks both quarters in one quarterly report, in the reporting currency', () => {
    expect(teamReportQuery(Q1, 'EUR')).toEqual({ from: '2025-10', to: '2026-03', interval: 'quarter', breakdown: null, currency: 'EUR' });
  });
});

describe('quarterFiguresOf', () => {
  it("compares this quarter's bookings with last quarter's, per currency", () => {
    const bookings: MetricResult = { metric: 'bookings', unit: 'money', series: [
      { period: '2025-Q4', currency: 'EUR', value: 200_000 }, { period: '2025-Q4', currency: 'USD', value: 0 },
      { period: '2026-Q1', currency: 'EUR', value: 450_000 }, { period: '2026-Q1', currency: 'USD', value: 120_000 },
    ] };
    const figures = quarterFiguresOf(bookings, Q1);
    expect(figures.map(({ point: _point, ...figure }) => figure)).toEqual([
      { currency: 'EUR', value: 450_000, previous: 200_000, change: 1.25 },
      // Nothing last quarter: no percentage to show.
      { currency: 'USD', value: 120_000, previous: 0, change: null },
    ]);
    expect(figures[0]?.point).toEqual({ period: '2026-Q1', currency: 'EUR', value: 450_000 });
  });

  it('takes the currency of a converted report, and a ratio without a currency', () => {
    const converted: MetricResult = { metric: 'bookings', unit: 'money', currency: 'EUR', series: [{ period: '2025-Q4', value: 400 }, { period: '2026-Q1', value: 100 }] };
    expect(quarterFiguresOf(converted, Q1)).toMatchObject([{ currency: 'EUR', value: 100, previous: 400, change: -0.75 }]);
    const winRate: MetricResult = { metric: 'win-rate', unit: 'ratio', series: [{ period: '2026-Q1', value: 0.6667, wonCount: 2, lostCount: 1 }] };
    expect(quarterFiguresOf(winRate, Q1)).toMatchObject([{ currency: undefined, value: 0.6667, previous: null, change: null }]);
  });

  it('answers nothing for an empty report, and a null figure for a quarter without one', () => {
    expect(quarterFiguresOf({ metric: 'bookings', unit: 'money', series: [] }, Q1)).toEqual([]);
    const cycle: MetricResult = { metric: 'sales-cycle-days', unit: 'days', series: [{ period: '2025-Q4', value: 30 }, { period: '2026-Q1', value: null }] };
    expect(quarterFiguresOf(cycle, Q1)).toMatchObject([{ value: null, previous: 30, change: null }]);
  });
});

describe('relativeChange', () => {
  it('is the change over the magnitude of the previous figure', () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(0, 100)).toBe(-1);
    expect(relativeChange(-50, -100)).toBe(0.5);
    expect(relativeChange(100, 0)).toBeNull();
    expect(relativeChange(null, 100)).toBeNull();
    expect(relativeChange(100, null)).toBeNull();
  });
});

describe('hasNoDeals', () => {
  const empty = (metric: string): MetricResult => ({ metric, unit: 'money', series: [] });
  it('is true only when every report has answered with no series', () => {
    expect(hasNoDeals([empty('bookings'), empty('win-rate'), empty('pipeline-value')])).toBe(true);
    expect(hasNoDeals([empty('bookings'), empty('win-rate'), { metric: 'pipeline-value', unit: 'money', series: [{ period: '2026-Q1', currency: 'EUR', value: 1 }] }])).toBe(false);
    // Still loading (or failed): not "no deals".
    expect(hasNoDeals([empty('bookings'), null])).toBe(false);
  });
});

describe('repRowsOf', () => {
  const bookings: MetricResult = { metric: 'bookings', unit: 'money', series: [
    { period: '2025-Q4', segment: 'usr_rob', currency: 'EUR', value: 200_000 },
    { period: '2026-Q1', segment: 'usr_mia', currency: 'EUR', value: 150_000 }, { period: '2026-Q1', segment: 'usr_mia', currency: 'USD', value: 0 },
    { period: '2026-Q1', segment: 'usr_rob', currency: 'EUR', value: 300_000 }, { period: '2026-Q1', segment: 'usr_rob', currency: 'USD', value: 50_000 },
    { period: '2026-Q1', segment: 'usr_rae', currency: 'EUR', value: 0 }, { period: '2026-Q1', segment: 'usr_rae', currency: 'USD', value: 0 },
  ] };
  const winRate: MetricResult = { metric: 'win-rate', unit: 'ratio', series: [
    { period: '2026-Q1', segment: 'usr_mia', value: 1, wonCount: 1, lostCount: 0 },
    { period: '2026-Q1', segment: 'usr_rob', value: 0.5, wonCount: 1, lostCount: 1 },
    { period: '2026-Q1', segment: 'usr_rae', value: null, wonCount: 0, lostCount: 0 },
  ] };
  const pipeline: MetricResult = { metric: 'pipeline-value', unit: 'money', series: [
    { period: '2026-Q1', segment: 'usr_mia', currency: 'EUR', value: 4_450_000, weightedMinor: 1_000_000 },
    { period: '2026-Q1', segment: 'usr_dan', currency: 'EUR', value: 700_000 },
    // Unowned: never a rep's row.
    { period: '2026-Q1', segment: null, currency: 'EUR', value: 100 },
  ] };

  it('lists each owner of the quarter once, bookings highest first, each figure in its currency', () => {
    const rows = repRowsOf({ bookings, winRate, pipeline }, '2026-Q1');
    expect(rows).toEqual([
      { ownerId: 'usr_rob', bookings: [{ currency: 'EUR', value: 300_000 }, { currency: 'USD', value: 50_000 }], winRate: 0.5, wonCount: 1, lostCount: 1, pipeline: [] },
      { ownerId: 'usr_mia', bookings: [{ currency: 'EUR', value: 150_000 }], winRate: 1, wonCount: 1, lostCount: 0, pipeline: [{ currency: 'EUR', value: 4_450_000 }] },
      // Nothing booked: the zero of the first currency, not a blank; equal bookings keep the id order.
      { ownerId: 'usr_dan', bookings: [], winRate: null, wonCount: 0, lostCount: 0, pipeline: [{ currency: 'EUR', value: 700_000 }] },
      { ownerId: 'usr_rae', bookings: [{ currency: 'EUR', value: 0 }], winRate: null, wonCount: 0, lostCount: 0, pipeline: [] },
    ]);
  });

  it('answers no rows when nobody in the scope has a deal', () => {
    const none = (metric: string): MetricResult => ({ metric, unit: 'money', series: [] });
    expect(repRowsOf({ bookings: none('bookings'), winRate: none('win-rate'), pipeline: none('pipeline-value') }, '2026-Q1')).toEqual([]);
  });
});
