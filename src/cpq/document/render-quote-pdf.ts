import { createPdfDocument } from '../../shared/pdf/create-pdf-document.ts';
import { lastDay, localeFormat, type LocaleFormat } from '../../shared/pdf/locale-format.ts';
import { drawRow, footer, forEachPage, FONT, GREY, heading, PAGE, rule, title, type Column, type Pdf } from '../../shared/pdf/pdf-layout.ts';
import type { QuoteDocumentData } from './document-data.ts';
import { DOCUMENT_LABELS, type DocumentLabels } from './labels.ts';

type Writer = { doc: Pdf; data: QuoteDocumentData; l: DocumentLabels; f: LocaleFormat };

const LINE_COLUMNS: readonly Column[] = [
  { width: 22, align: 'left' }, { width: 171, align: 'left' }, { width: 42, align: 'right' }, { width: 68, align: 'left' },
  { width: 64, align: 'right' }, { width: 62, align: 'right' }, { width: 66, align: 'right' },
];
const YEAR_COLUMNS: readonly Column[] = [{ width: 60, align: 'left' }, { width: 300, align: 'left' }, { width: 135, align: 'right' }];
const TOTAL_COLUMNS: readonly Column[] = [{ width: 330, align: 'right' }, { width: 165, align: 'right' }];

/**
 * The quote as a PDF in the quote's language, with that locale's number, date and currency formats.
 * Deterministic: the same data gives the same bytes (creation date = the quote's issue time, ids
 * derived from it by pdfkit, fonts subset the same way), so the SHA-256 of the document a customer
 * accepts can be recomputed and compared.
 */
export async function renderQuotePdf(data: QuoteDocumentData): Promise<Buffer> {
  const l = DOCUMENT_LABELS[data.language];
  const { doc, finish } = createPdfDocument({ language: data.language, title: `${l.title} ${data.quoteId}`, author: 'Revline', createdAt: data.issuedAt });
  const w: Writer = { doc, data, l, f: localeFormat(data.language, { dateStyle: 'long' }) };
  writeHeader(w);
  writeLines(w);
  writeYears(w);
  writeTotals(w);
  writeTerms(w);
  forEachPage(doc, (pageNumber, pageCount) => footer(doc, l.page(pageNumber, pageCount)));
  return finish();
}

function writeHeader({ doc, data, l, f }: Writer): void {
  title(doc, l.title);
  const facts: Array<[string, string]> = [
    [l.quote, `${data.quoteId} · ${l.version} ${f.integer(data.versionNumber)}`],
    [l.date, f.date(data.issuedAt.toISOString().slice(0, 10))],
    [l.validUntil, f.date(data.validUntilDate)],
    [l.customer, data.accountName],
    ...(data.preparedBy === null ? [] : [[l.preparedBy, data.preparedBy] as [string, string]]),
    [l.term, l.termValue(f.integer(data.termMonths), f.date(data.startDate), f.date(lastDay(data.endDate)))],
    [l.paymentTerms, l.paymentTermsValue(f.integer(data.paymentTermsDays))],
  ];
  for (const [label, value] of facts) drawRow(doc, [{ width: 130, align: 'left' }, { width: 365, align: 'left' }], [label, value], { size: 10 });
}

function writeLines({ doc, data, l, f }: Writer): void {
  heading(doc, `${l.items} (${data.currency})`);
  drawRow(doc, LINE_COLUMNS, ['#', l.product, l.quantity, l.billing, l.list, l.discount, l.net], { bold: true });
  rule(doc);
  for (const line of data.lines) {
    const name = line.description === null ? line.name : `${line.name}\n${line.description}`;
    drawRow(doc, LINE_COLUMNS, [
      f.integer(line.lineNumber), name, f.integer(line.quantity), l.periods[line.billingPeriod],
      f.money(line.listMinor, data.currency), f.money(-line.discountMinor, data.currency), f.money(line.netMinor, data.currency),
    ]);
    // A ramp shows each contract year's quantity under its line.
    for (const year of line.ramp ?? []) {
      doc.fillColor(GREY);
      drawRow(doc, LINE_COLUMNS, ['', l.rampYear(f.integer(year.year), f.integer(year.quantity)), '', '', '', '', ''], { size: 8 });
      doc.fillColor('black');
    }
  }
  rule(doc);
}

function writeYears({ doc, data, l, f }: Writer): void {
  heading(doc, l.byYear);
  for (const year of data.years) {
    drawRow(doc, YEAR_COLUMNS, [`${l.year} ${f.integer(year.year)}`, `${f.date(year.startDate)} – ${f.date(lastDay(year.endDate))}`, f.money(year.amountMinor, data.currency)]);
  }
}

function writeTotals({ doc, data, l, f }: Writer): void {
  heading(doc, l.totals);
  const t = data.totals;
  const rows: Array<[string, bigint, boolean]> = [
    [l.list, t.list, false], [l.lineDiscounts, -t.lineDiscount, false], [l.headerDiscount, -t.headerDiscount, false], [l.tcv, t.tcv, true],
    [l.acv, t.acv, false], [l.firstYear, t.firstYear, false], [l.oneTime, t.oneTime, false], [l.mrr, t.mrr, false], [l.arr, t.arr, false],
  ];
  for (const [label, amount, bold] of rows) drawRow(doc, TOTAL_COLUMNS, [label, f.money(amount, data.currency)], { bold, size: 10 });
}

function writeTerms({ doc, data, l, f }: Writer): void {
  heading(doc, l.termsTitle);
  doc.font(FONT.regular).fontSize(9);
  for (const paragraph of l.terms(data.currency, f.date(data.validUntilDate), f.integer(data.paymentTermsDays))) {
    doc.text(paragraph, PAGE.margin, doc.y, { width: PAGE.width });
    doc.moveDown(0.3);
  }
}
