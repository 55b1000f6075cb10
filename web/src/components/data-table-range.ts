/** Pure helpers of DataTable (virtual window, sort cycling), kept apart so they test without a DOM. */

export type SortDirection = 'asc' | 'desc';
export type SortState = { key: string; direction: SortDirection };

export type VisibleRangeInput = {
  scrollTopPx: number;
  viewportHeightPx: number;
  rowHeightPx: number;
  rowCount: number;
  /** Extra rows rendered above and below the viewport, so fast scrolling shows no blank band. */
  overscanRows: number;
};

/** Half-open [start, end) window of row indexes to render; empty when there are no rows. */
export type VisibleRange = { start: number; end: number };

export function computeVisibleRange(input: VisibleRangeInput): VisibleRange {
  const { scrollTopPx, viewportHeightPx, rowHeightPx, rowCount, overscanRows } = input;
  if (rowCount <= 0 || rowHeightPx <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTopPx);
  const firstVisible = Math.min(rowCount - 1, Math.floor(top / rowHeightPx));
  const visibleCount = Math.ceil(Math.max(0, viewportHeightPx) / rowHeightPx) + 1;
  const start = Math.max(0, firstVisible - overscanRows);
  const end = Math.min(rowCount, firstVisible + visibleCount + overscanRows);
  return { start, end };
}

/**
 * The scrollTop that brings row `index` fully into view, moving as little as
 * possible; the current scrollTop when it is already fully visible.
 */
export function scrollTopToReveal(index: number, rowHeightPx: number, scrollTopPx: number, viewportHeightPx: number): number {
  const rowTop = index * rowHeightPx;
  const rowBottom = rowTop + rowHeightPx;
  if (rowTop < scrollTopPx) return rowTop;
  if (rowBottom > scrollTopPx + viewportHeightPx) return Math.max(0, rowBottom - viewportHeightPx);
  return scrollTopPx;
}

/** True when the rendered window reaches within `thresholdRows` of the last loaded row. */
export function isNearEnd(range: VisibleRange, rowCount: number, thresholdRows: number): boolean {
  return rowCount > 0 && range.end >= rowCount - thresholdRows;
}

/** A click on a header: a new column sorts ascending, the sorted column flips direction. */
export function nextSort(current: SortState | null | undefined, key: string): SortState {
  if (current?.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

/** A keyboard move of the focused row, clamped to the loaded rows. */
export function moveFocus(index: number, key: string, rowCount: number, pageRows: number): number | null {
  if (rowCount <= 0) return null;
  const last = rowCount - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, index + pageRows);
    case 'PageUp':
      return Math.max(0, index - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
