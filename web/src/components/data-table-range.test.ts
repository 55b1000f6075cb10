import { describe, expect, it } from 'vitest';
import { computeVisibleRange, isNearEnd, moveFocus, nextSort, scrollTopToReveal } from './data-table-range.ts';

describe('computeVisibleRange', () => {
  it('renders only the rows in view plus overscan, at the top', () => {
    expect(computeVisibleRange({ scrollTopPx: 0, viewportHeightPx: 440, rowHeightPx: 44, rowCount: 100_000, overscanRows: 5 })).toEqual({ start: 0, end: 16 });
  });

  it('windows deep into 100,000 rows', () => {
    // row 50,000 starts at 2,200,000 px; 10 rows fit, +1 partial, ±5 overscan
    expect(computeVisibleRange({ scrollTopPx: 2_200_000, viewportHeightPx: 440, rowHeightPx: 44, rowCount: 100_000, overscanRows: 5 })).toEqual({ start: 49_995, end: 50_016 });
  });

  it('clamps at the end and past it', () => {
    expect(computeVisibleRange({ scrollTopPx: 10_000_000, viewportHeightPx: 440, rowHeightPx: 44, rowCount: 100, overscanRows: 3 })).toEqual({ start: 96, end: 100 });
  });

  it('is empty without rows', () => {
    expect(computeVisibleRange({ scrollTopPx: 0, viewportHeightPx: 440, rowHeightPx: 44, rowCount: 0, overscanRows: 3 })).toEqual({ start: 0, end: 0 });
  });

  it('treats a negative (elastic) scroll as the top', () => {
    expect(computeVisibleRange({ scrollTopPx: -30, viewportHeightPx: 88, rowHeightPx: 44, rowCount: 10, overscanRows: 0 })).toEqual({ start: 0, end: 3 });
  });
});

describe('scrollTopToReveal', () => {
  it('scrolls up to a row above the viewport', () => {
    expect(scrollTopToReveal(2, 44, 440, 440)).toBe(88);
  });
  it('scrolls down just enough for a row below the viewport', () => {
    expect(scrollTopToReveal(20, 44, 0, 440)).toBe(21 * 44 - 440);
  });
  it('keeps the scroll position for a visible row', () => {
    expect(scrollTopToReveal(3, 44, 44, 440)).toBe(44);
  });
});

describe('isNearEnd', () => {
  it('is true within the threshold of the last loaded row', () => {
    expect(isNearEnd({ start: 80, end: 95 }, 100, 10)).toBe(true);
    expect(isNearEnd({ start: 10, end: 30 }, 100, 10)).toBe(false);
    expect(isNearEnd({ start: 0, end: 0 }, 0, 10)).toBe(false);
  });
});

describe('nextSort', () => {
  it('sorts a new column ascending and flips the current one', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'country')).toEqual({ key: 'country', direction: 'asc' });
  });
});

describe('moveFocus', () => {
  it('moves and clamps', () => {
    expect(moveFocus(0, 'ArrowUp', 5, 10)).toBe(0);
    expect(moveFocus(0, 'ArrowDown', 5, 10)).toBe(1);
    expect(moveFocus(4, 'ArrowDown', 5, 10)).toBe(4);
    expect(moveFocus(1, 'PageDown', 50, 10)).toBe(11);
    expect(moveFocus(1, 'End', 50, 10)).toBe(49);
    expect(moveFocus(9, 'Home', 50, 10)).toBe(0);
    expect(moveFocus(9, 'x', 50, 10)).toBeNull();
    expect(moveFocus(0, 'ArrowDown', 0, 10)).toBeNull();
  });
});
