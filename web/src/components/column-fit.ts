/**
 * Widths for list columns of short values that must be read whole (dates, statuses, countries): as wide as the
 * longest of them in the reader's language and font, and as the longest word of the column's heading (headings wrap
 * at spaces, never inside a word). "1 нояб. 2026 г." needs half again the room of "01.11.2026"; a fixed width
 * either cuts the Russian date or wastes the German list's room that the names need.
 */

/** Text width in CSS pixels for a CSS font shorthand. */
export type MeasureText = (text: string, font: string) => number;

/** A text in the column's look, or one that the cell shows in a look of its own (a badge beside a plain number). */
export type FitText = string | { text: string; as: NonNullable<ColumnFit['as']> };

export type ColumnFit = {
  /**
   * Every text a cell of the column may show (each status label; the rows' amounts; dateSamples); a list for a
   * cell that shows several side by side (a status badge and a "dry run" badge; an entry number and its "Reversed" badge).
   */
  texts: readonly (FitText | readonly FitText[])[];
  /** The cells show the texts in a badge (styles.css .badge) or a small button (.button--small), not as plain text. */
  as?: 'badge' | 'button';
};

// styles.css: .table td 14px with 20px padding each side; thead th 12px, weight 600, uppercase, letter-spacing 0.04em.
const CELL_PADDING_PX = 40;
// styles.css: .badge 12px bold, 8px padding each side and a 1px inset ring; .button--small 13px bold, 10px padding, 1px border.
const LOOKS: Record<NonNullable<ColumnFit['as']> | 'text', { font: string; paddingPx: number }> = {
  text: { font: '400 14px', paddingPx: 0 },
  badge: { font: '600 12px', paddingPx: 18 },
  button: { font: '600 13px', paddingPx: 22 },
};
const SORT_ICON_PX = 16; // .data-table__sort: 6px gap and a 10px arrow
const SPACE_PX = 8; // between two badges (a space) or two buttons (.data-actions) in one cell, at most
const HEADING_LETTER_SPACING_EM = 0.04;
// Rounding and a font's kerning pairs differ from one measure of a whole text; a cell never needs more than this.
const SLACK_PX = 2;

/** The width of a fitted column in pixels. */
export function fitColumnPx(fit: ColumnFit, heading: { text: string; sortable: boolean }, fontFamily: string, measure: MeasureText, paddingPx = CELL_PADDING_PX): number {
  const look = LOOKS[fit.as ?? 'text'];
  const font = `${look.font} ${fontFamily}`;
  const cellPx = (text: FitText | readonly FitText[]): number => {
    if (typeof text === 'string') return measure(text, font) + look.paddingPx;
    if ('text' in text) return measure(text.text, `${LOOKS[text.as].font} ${fontFamily}`) + LOOKS[text.as].paddingPx;
    return text.reduce((sum, part, index) => sum + cellPx(part) + (index > 0 ? SPACE_PX : 0), 0);
  };
  const widest = Math.max(0, ...[...new Set(fit.texts)].map(cellPx));
  return Math.ceil(Math.max(widest, headingWordPx(heading, fontFamily, measure)) + paddingPx + SLACK_PX);
}

/** The longest word of a heading as shown (upper case, spaced); a soft hyphen is a place it may break. */
function headingWordPx(heading: { text: string; sortable: boolean }, fontFamily: string, measure: MeasureText): number {
  const font = `600 12px ${fontFamily}`;
  const pieces = heading.text.toLocaleUpperCase().split(/[\s\u00ad]+/).filter((piece) => piece !== '');
  const widest = Math.max(0, ...pieces.map((piece) => measure(piece, font) + piece.length * HEADING_LETTER_SPACING_EM * 12));
  return widest + (heading.sortable ? SORT_ICON_PX : 0);
}

const measured = new Map<string, number>();
let canvas: CanvasRenderingContext2D | null | undefined;

/** measureText of a canvas, remembered per font and text; without a canvas, a wide guess (0.7 em a character). */
export const measureInCanvas: MeasureText = (text, font) => {
  const key = `${font}\u0000${text}`;
  const known = measured.get(key);
  if (known !== undefined) return known;
  if (canvas === undefined) canvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  let width: number;
  if (canvas) {
    canvas.font = font;
    width = canvas.measureText(text).width;
  } else {
    width = text.length * 0.7 * (Number(/(\d+)px/.exec(font)?.[1]) || 14);
  }
  measured.set(key, width);
  return width;
};

let fontFamily: string | undefined;

/** The page's font family (styles.css --font-sans), read once. */
export function pageFontFamily(): string {
  fontFamily ??= typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.body).fontFamily || 'sans-serif';
  return fontFamily;
}
