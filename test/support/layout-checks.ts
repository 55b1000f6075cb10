/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * Layout checks for the long German, Russian and Italian labels: each returns what it found wrong on the
 * page as it is now (an empty list when nothing), so a walk through pages can name the page and its problems.
 */

/**
 * Long German (and Russian) headings must wrap inside their columns: the headings whose text is wider than their
 * cell, the words broken across lines where they have no soft hyphen (AUSGESTELL/T AM: the column is too narrow),
 * and the tables wider than the box they sit in (their last columns, the row actions, out of view).
 */
export function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...Array.from(document.querySelectorAll('thead th')).filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => `heading ${th.textContent ?? ''}`),
    ...Array.from(document.querySelectorAll('thead th')).flatMap((th) => {
      const broken: string[] = [];
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
          if (match[0].includes('\u00ad')) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(`heading word broken: ${match[0]}`);
        }
      }
      return broken;
    }),
    ...Array.from(document.querySelectorAll('table')).filter((table) => table.parentElement !== null && table.getBoundingClientRect().width > table.parentElement.clientWidth + 1)
      .map((table) => `table ${table.getAttribute('data-testid') ?? table.className}`),
  ]);
}

/**
 * What a reader cannot read whole: a list cell cut with an ellipsis (or a button cut at its edge) in a column that
 * does not allow it — dates, amounts, statuses, countries must fit; only free text such as a name or an e-mail
 * address may be cut (a DataTable column with `clip`) — the text of a select wider than its box, a chart legend
 * that pages its series, tabs beyond the edge of their bar, and a page wider than the window.
 */
export function cutText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const cell of Array.from(document.querySelectorAll<HTMLElement>('td.data-table__cell:not(.data-table__cell--clip)'))) {
      if (cell.scrollWidth <= cell.clientWidth + 1) continue;
      const table = cell.closest('table');
      const header = table?.querySelectorAll('thead th')[(cell as HTMLTableCellElement).cellIndex]?.textContent ?? '';
      problems.push(`cut cell ${header}: ${cell.textContent ?? ''}`);
    }
    const canvas = document.createElement('canvas').getContext('2d');
    for (const select of Array.from(document.querySelectorAll('select'))) {
      const style = getComputedStyle(select);
      if (canvas === null || select.offsetParent === null) continue;
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.textContent ?? '';
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(text).width > room + 1) problems.push(`select cut: ${text}`);
    }
    // ECharts' paging legend ("1/2" between arrows) hides the series that did not fit its row.
    for (const chart of Array.from(document.querySelectorAll('.metrics-chart'))) {
      if (Array.from(chart.querySelectorAll('svg text')).some((text) => /^\d+\/\d+$/.test(text.textContent?.trim() ?? ''))) {
        problems.push(`chart legend paged: ${chart.getAttribute('aria-label')?.split(':')[0] ?? ''}`);
      }
    }
    for (const list of Array.from(document.querySelectorAll<HTMLElement>('.tabs__list'))) {
      if (list.scrollWidth > list.clientWidth + 1) problems.push(`tabs cut: ${list.textContent ?? ''}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page wider than the window: ${document.documentElement.scrollWidth}px`);
    return problems;
  });
}

/** Both checks. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return [...(await sticksOut(page)), ...(await cutText(page))];
}
