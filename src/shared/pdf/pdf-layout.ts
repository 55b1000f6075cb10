import type PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

export const FONT = { regular: 'DejaVu', bold: 'DejaVu-Bold' } as const;
export const PAGE = { margin: 50, width: 495 } as const;
export const GREY = '#555555';

export type Column = { width: number; align: 'left' | 'right' };

/** Starts a new page when `height` more points would not fit above the bottom margin. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** One table row: cells left to right at fixed widths; returns the row's height. */
export function drawRow(doc: Pdf, columns: readonly Column[], cells: readonly string[], options: { bold?: boolean; size?: number } = {}): number {
  const size = options.size ?? 9;
  doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(size);
  const heights = columns.map((column, i) => doc.heightOfString(cells[i] ?? '', { width: column.width - 4 }));
  const height = Math.max(...heights) + 4;
  ensureSpace(doc, height);
  const top = doc.y;
  let x = PAGE.margin;
  columns.forEach((column, i) => {
    doc.text(cells[i] ?? '', x, top + 2, { width: column.width - 4, align: column.align, lineBreak: true });
    x += column.width;
  });
  doc.x = PAGE.margin;
  doc.y = top + height;
  return height;
}

export function rule(doc: Pdf, weight = 0.5): void {
  doc.moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + PAGE.width, doc.y).lineWidth(weight).strokeColor('#999999').stroke();
  doc.moveDown(0.2);
}

/** The document's title at the top of the first page. */
export function title(doc: Pdf, text: string): void {
  doc.font(FONT.bold).fontSize(20).text(text, PAGE.margin, PAGE.margin, { width: PAGE.width });
  doc.moveDown(0.5);
}

export function heading(doc: Pdf, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.8);
  doc.font(FONT.bold).fontSize(11).fillColor('black').text(text, PAGE.margin, doc.y, { width: PAGE.width });
  doc.moveDown(0.3);
}

/** Calls `write` on every page once the content is laid out (the document must buffer its pages). */
export function forEachPage(doc: Pdf, write: (pageNumber: number, pageCount: number) => void): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing into the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    write(i + 1, range.count);
    doc.page.margins.bottom = bottom;
  }
}

/** The page number line in the bottom margin; call it inside forEachPage. */
export function footer(doc: Pdf, text: string): void {
  doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(text, PAGE.margin, doc.page.height - 35, { width: PAGE.width, align: 'center' });
}
