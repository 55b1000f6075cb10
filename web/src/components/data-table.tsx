import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { fitColumnPx, measureInCanvas, pageFontFamily, type ColumnFit } from './column-fit.ts';
import { computeVisibleRange, isNearEnd, moveFocus, nextSort, scrollTopToReveal, type SortState } from './data-table-range.ts';
import './data-table.css';

export type { SortDirection, SortState } from './data-table-range.ts';

export type DataTableColumn<Row> = {
  /** Identifies the column; passed to onSortChange. */
  key: string;
  header: string;
  cell(row: Row): ReactNode;
  /** The server can sort by this column: the header becomes a button. */
  sortable?: boolean;
  /** Amounts and counts align at the end. */
  align?: 'start' | 'end';
  /** CSS width (`12rem`, `20%`); columns without one (or `fit`) share the rest. */
  width?: string;
  /** As wide as the longest of these texts and the heading's longest word, in the reader's font (column-fit.ts); wins over `width`. */
  fit?: ColumnFit;
  /**
   * For the one column without a width (a name): the room the others leave, but at least this; where they leave
   * less (a narrow window, a long language) the table scrolls sideways rather than squeezing it to nothing.
   */
  minWidth?: string;
  /**
   * Free text (a name, an e-mail address) that may be cut with an ellipsis when the column is narrow.
   * Other cells (dates, amounts, statuses, countries) are sized to fit whole in every language: the layout
   * check of the browser tests (test/support/layout-checks.ts) fails on one cut.
   */
  clip?: boolean;
};

export type DataTableProps<Row> = {
  /** Accessible name of the table (a visually hidden caption). */
  label: string;
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** Row click or Enter on a focused row. */
  onOpen?: ((row: Row) => void) | undefined;
  /** The server-side sort shown in the headers (aria-sort). */
  sort?: SortState | null | undefined;
  onSortChange?: ((sort: SortState) => void) | undefined;
  loading?: boolean | undefined;
  /** A failed fetch: shown under the rows with a retry button. */
  problem?: Problem | null | undefined;
  onRetry?: (() => void) | undefined;
  /** More rows on the server: loaded when the user scrolls near the end, or with the "Load more" button. */
  hasMore?: boolean | undefined;
  onLoadMore?: (() => void) | undefined;
  /** Shown when loading finished with no rows (e.g. "No customers match"). */
  emptyMessage?: string | undefined;
  /** Every row has this height; rows never wrap, long text in a `clip` column is cut with an ellipsis. */
  rowHeightPx?: number | undefined;
  /** Height of the scrolling area at most; fewer rows shrink it. */
  maxHeightPx?: number | undefined;
  className?: string | undefined;
  /** A cell's horizontal padding, both sides, where the page's CSS (className) sets its own: 40 as styles.css .table td. */
  cellPaddingPx?: number | undefined;
  testId?: string | undefined;
};

const OVERSCAN_ROWS = 8;
const LOAD_MORE_THRESHOLD_ROWS = 15;

type SizedColumn = Pick<DataTableColumn<unknown>, 'fit' | 'header' | 'sortable' | 'width' | 'minWidth'>;

/**
 * Each column's CSS width (undefined: it shares what the others leave) and the table's least width: the others'
 * widths and the minWidth of the column that takes the rest (a fixed-layout table would squeeze it to nothing).
 */
function columnWidths(columns: readonly SizedColumn[], paddingPx: number | undefined): { widths: (string | undefined)[]; tableMinWidth: string | undefined } {
  const widths = columns.map((column) =>
    column.fit ? `${fitColumnPx(column.fit, { text: column.header, sortable: column.sortable === true }, pageFontFamily(), measureInCanvas, paddingPx)}px` : column.width);
  const flexible = columns.findIndex((column, index) => column.minWidth !== undefined && widths[index] === undefined);
  const column = columns[flexible];
  if (column?.minWidth === undefined) return { widths, tableMinWidth: undefined };
  // Never narrower than its heading's longest word either.
  const headingPx = fitColumnPx({ texts: [] }, { text: column.header, sortable: column.sortable === true }, pageFontFamily(), measureInCanvas, paddingPx);
  const others = widths.filter((width, index) => index !== flexible && width !== undefined);
  widths[flexible] = `calc(100% - ${others.length > 0 ? others.join(' - ') : '0px'})`;
  return { widths, tableMinWidth: `calc(${[`max(${column.minWidth}, ${headingPx}px)`, ...others].join(' + ')})` };
}

function cellClassName(column: Pick<DataTableColumn<unknown>, 'align' | 'clip'>): string {
  return ['data-table__cell', column.align === 'end' ? 'data-table__cell--end' : '', column.clip ? 'data-table__cell--clip' : ''].filter(Boolean).join(' ');
}

/**
 * A list that stays fast at 100,000 rows: only the rows in view (plus a few)
 * are in the DOM, spacer rows stand in for the rest, so every row has the same
 * fixed height. Sorting is the server's (the header reports the wanted order);
 * further pages load as the user nears the end. Keyboard: Tab reaches one row,
 * arrows / Page keys / Home / End move between rows, Enter opens.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { label, columns, rows, rowKey, onOpen, sort, onSortChange, loading = false, problem = null, onRetry, hasMore = false, onLoadMore } = props;
  const rowHeightPx = props.rowHeightPx ?? 48;
  const maxHeightPx = props.maxHeightPx ?? 560;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const [viewportHeightPx, setViewportHeightPx] = useState(maxHeightPx);
  const [headerHeightPx, setHeaderHeightPx] = useState(0);
  const [focusIndex, setFocusIndex] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (scroller === null) return undefined;
    const measure = () => {
      setViewportHeightPx(scroller.clientHeight || maxHeightPx);
      setHeaderHeightPx(headRef.current?.offsetHeight ?? 0);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [maxHeightPx]);

  // A new list (other filter or sort: another first row) starts at the top; appended pages keep the place.
  const firstKey = rows.length > 0 ? rowKey(rows[0] as Row) : '';
  const shownFirstKey = useRef(firstKey);
  useEffect(() => {
    if (shownFirstKey.current === firstKey) return;
    shownFirstKey.current = firstKey;
    setFocusIndex(0);
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
    setScrollTopPx(0);
  }, [firstKey]);
  useEffect(() => {
    if (focusIndex >= rows.length && focusIndex !== 0) setFocusIndex(Math.max(0, rows.length - 1));
  }, [rows.length, focusIndex]);

  const bodyViewportPx = Math.max(rowHeightPx, viewportHeightPx - headerHeightPx);
  const range = computeVisibleRange({ scrollTopPx, viewportHeightPx: bodyViewportPx, rowHeightPx, rowCount: rows.length, overscanRows: OVERSCAN_ROWS });

  const canAutoLoad = hasMore && !loading && problem === null && onLoadMore !== undefined;
  const nearEnd = isNearEnd(range, rows.length, LOAD_MORE_THRESHOLD_ROWS);
  useEffect(() => {
    if (canAutoLoad && nearEnd) onLoadMore();
  }, [canAutoLoad, nearEnd, onLoadMore]);

  // Focus the row a key press moved to, once it is rendered.
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    if (element) {
      element.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const onRowKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: Row) => {
      if (event.target !== event.currentTarget) return; // a link or button inside the row handles its own keys
      if (event.key === 'Enter') {
        event.preventDefault();
        onOpen?.(row);
        return;
      }
      const pageRows = Math.max(1, Math.floor(bodyViewportPx / rowHeightPx) - 1);
      const next = moveFocus(index, event.key, rows.length, pageRows);
      if (next === null) return;
      event.preventDefault();
      const scroller = scrollRef.current;
      if (scroller !== null) {
        const top = scrollTopToReveal(next, rowHeightPx, scroller.scrollTop, bodyViewportPx);
        if (top !== scroller.scrollTop) {
          scroller.scrollTop = top;
          setScrollTopPx(top);
        }
      }
      pendingFocus.current = next;
      setFocusIndex(next);
    },
    [bodyViewportPx, onOpen, rowHeightPx, rows.length],
  );

  const tabStop = focusIndex >= range.start && focusIndex < range.end ? focusIndex : range.start;
  const visible = rows.slice(range.start, range.end);
  const showEmpty = !loading && problem === null && rows.length === 0;
  const sizes = columnWidths(columns, props.cellPaddingPx);

  return (
    <div className={['data-table', props.className].filter(Boolean).join(' ')} data-testid={props.testId}>
      <div className="data-table__scroll" ref={scrollRef} style={{ maxHeight: `${maxHeightPx}px` }} onScroll={(event) => setScrollTopPx(event.currentTarget.scrollTop)}>
        <table className="table data-table__table" style={sizes.tableMinWidth ? { minWidth: sizes.tableMinWidth } : undefined} aria-rowcount={hasMore ? -1 : rows.length + 1} aria-busy={loading || undefined}>
          <caption className="visually-hidden">{label}</caption>
          <colgroup>
            {sizes.widths.map((width, index) => (
              <col key={columns[index]?.key ?? index} style={width === undefined ? undefined : { width }} />
            ))}
          </colgroup>
          <thead ref={headRef}>
            <tr aria-rowindex={1}>
              {columns.map((column) => (
                <HeaderCell key={column.key} column={column} sort={sort ?? null} onSortChange={onSortChange} />
              ))}
            </tr>
          </thead>
          <tbody>
            {range.start > 0 ? <SpacerRow heightPx={range.start * rowHeightPx} columnCount={columns.length} /> : null}
            {visible.map((row, offset) => {
              const index = range.start + offset;
              return (
                <tr
                  key={rowKey(row)}
                  className={onOpen ? 'data-table__row data-table__row--openable' : 'data-table__row'}
                  style={{ height: `${rowHeightPx}px` }}
                  tabIndex={index === tabStop ? 0 : -1}
                  aria-rowindex={index + 2}
                  data-row-index={index}
                  onClick={onOpen ? () => onOpen(row) : undefined}
                  onFocus={(event) => {
                    if (event.target === event.currentTarget) setFocusIndex(index);
                  }}
                  onKeyDown={(event) => onRowKeyDown(event, index, row)}
                >
                  {columns.map((column) => (
                    <td key={column.key} className={cellClassName(column)}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {range.end < rows.length ? <SpacerRow heightPx={(rows.length - range.end) * rowHeightPx} columnCount={columns.length} /> : null}
          </tbody>
        </table>
      </div>
      <div className="data-table__status">
        {loading ? (
          <p className="data-table__message" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t('table.loading')}</span>
          </p>
        ) : null}
        {showEmpty ? (
          <p className="data-table__message" role="status">
            {props.emptyMessage ?? t('table.empty')}
          </p>
        ) : null}
        {problem !== null && !loading ? (
          <div className="data-table__problem" role="alert">
            <p className="data-table__problem-title">{problem.title}</p>
            {problem.detail ? <p className="data-table__problem-detail">{problem.detail}</p> : null}
            {onRetry ? (
              <button type="button" className="button button--secondary" onClick={onRetry}>
                {t('table.retry')}
              </button>
            ) : null}
          </div>
        ) : null}
        {hasMore && !loading && problem === null && onLoadMore ? (
          <button type="button" className="button button--secondary data-table__more" onClick={onLoadMore}>
            {t('table.loadMore')}
          </button>
        ) : null}
        {!hasMore && !loading && rows.length > 0 ? (
          <p className="data-table__count">{t('table.rowCount', { count: formatNumber(rows.length, intlLocale()) })}</p>
        ) : null}
      </div>
    </div>
  );
}

function HeaderCell<Row>({ column, sort, onSortChange }: { column: DataTableColumn<Row>; sort: SortState | null; onSortChange: ((sort: SortState) => void) | undefined }) {
  const className = column.align === 'end' ? 'data-table__head data-table__head--end' : 'data-table__head';
  if (!column.sortable || onSortChange === undefined) {
    return (
      <th scope="col" className={className}>
        {column.header}
      </th>
    );
  }
  const direction = sort?.key === column.key ? sort.direction : null;
  return (
    <th scope="col" className={className} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="data-table__sort" onClick={() => onSortChange(nextSort(sort, column.key))}>
        <span>{column.header}</span>
        <span className="data-table__sort-icon" aria-hidden="true">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

function SpacerRow({ heightPx, columnCount }: { heightPx: number; columnCount: number }) {
  return (
    <tr className="data-table__spacer" aria-hidden="true">
      <td colSpan={columnCount} style={{ height: `${heightPx}px` }} />
    </tr>
  );
}
