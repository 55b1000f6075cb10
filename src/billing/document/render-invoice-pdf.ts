import { parsePlainDate } from '../../shared/dates.ts';
import { createPdfDocument } from '../../shared/pdf/create-pdf-document.ts';
import { lastDay, localeFormat, type LocaleFormat } from '../../shared/pdf/locale-format.ts';
import { drawRow, footer, forEachPage, FONT, heading, PAGE, rule, title, type Column, type Pdf } from '../../shared/pdf/pdf-layout.ts';
import { parseLineNote, parseUsageNote } from '../invoicing/line-note.ts';
import { parseCreditNoteReason } from '../invoicing/credit-note-reason.ts';
import { parseTaxNote, type TaxTreatment } from '../tax/tax-note.ts';
import type { InvoiceDocumentData } from './document-data.ts';
import { INVOICE_LABELS, type InvoiceLabels } from './labels.ts';
import { taxByRate } from './tax-by-rate.ts';

type InvoiceLine = InvoiceDocumentData['invoice']['lines'][number];
type Writer = { doc: Pdf; data: InvoiceDocumentData; l: InvoiceLabels; f: LocaleFormat };

const LINE_COLUMNS: readonly Column[] = [
  { width: 180, align: 'left' }, { width: 120, align: 'left' }, { width: 45, align: 'right' }, { width: 70, align: 'right' }, { width: 80, align: 'right' },
];
const PARTY_COLUMNS: readonly Column[] = [{ width: 247, align: 'left' }, { width: 248, align: 'left' }];
const FACT_COLUMNS: readonly Column[] = [{ width: 130, align: 'left' }, { width: 365, align: 'left' }];
const TOTAL_COLUMNS: readonly Column[] = [{ width: 330, align: 'right' }, { width: 165, align: 'right' }];

/**
 * The invoice as a PDF in the customer's language with that locale's formats. Deterministic: the
 * same data gives the same bytes (creation date = issue time, pdfkit's ids derive from it, fonts
 * subset the same way), so an issued invoice's SHA-256 is stable. A draft has no number and a
 * DRAFT watermark; a void invoice a VOID one.
 */
export async function renderInvoicePdf(data: InvoiceDocumentData, options: { compress?: boolean } = {}): Promise<Buffer> {
  const l = INVOICE_LABELS[data.language];
  const kind = data.creditNote === null ? l.title : l.creditNote.title;
  const documentTitle = data.invoice.number === null ? `${kind} (${l.draft})` : `${kind} ${data.invoice.number}`;
  const { doc, finish } = createPdfDocument({
    language: data.language, title: documentTitle, author: data.seller.legalName, createdAt: data.documentAt, compress: options.compress,
  });
  const w: Writer = { doc, data, l, f: localeFormat(data.language, { dateStyle: 'medium' }) };
  writeHeader(w);
  writeParties(w);
  writeLines(w);
  writeTotals(w);
  writeNotes(w);
  writePageMarks(w);
  return finish();
}

function writeHeader({ doc, data, l, f }: Writer): void {
  const invoice = data.invoice;
  const credit = data.creditNote;
  title(doc, credit === null ? l.title : l.creditNote.title);
  const facts: Array<[string, string]> = [];
  if (invoice.number !== null) facts.push([credit === null ? l.number : l.creditNote.number, invoice.number]);
  if (invoice.issueDate !== null) facts.push([l.issueDate, f.date(invoice.issueDate)]);
  if (invoice.dueDate !== null) facts.push([l.dueDate, f.date(invoice.dueDate)]);
  if (invoice.periodStartDate !== null && invoice.periodEndDate !== null) facts.push([l.servicePeriod, dateSpan(f, invoice.periodStartDate, invoice.periodEndDate)]);
  if (credit !== null) {
    if (credit.invoiceNumber !== null) facts.push([l.creditNote.correctsInvoice, credit.invoiceNumber]);
    facts.push([l.creditNote.reason, creditReason(credit, l, f)]);
  }
  for (const [label, value] of facts) drawRow(doc, FACT_COLUMNS, [label, value], { size: 10 });
}

/** A credit note's reason in the document's language (credit-note-reason.ts reads the stored English text). */
function creditReason(credit: NonNullable<InvoiceDocumentData['creditNote']>, l: InvoiceLabels, f: LocaleFormat): string {
  const reason = parseCreditNoteReason(credit);
  switch (reason.kind) {
    case 'void': return l.creditNote.voided(reason.words);
    case 'unused_time': return l.creditNote.unusedTime(f.date(reason.changeDate));
    case 'other': return reason.text;
  }
}

function writeParties({ doc, data, l }: Writer): void {
  doc.moveDown(0.8);
  drawRow(doc, PARTY_COLUMNS, [l.seller, l.customer], { bold: true, size: 10 });
  const { seller, customer } = data;
  const sellerText = [seller.legalName, seller.address, seller.vatId === null ? '' : `${l.vatId} ${seller.vatId}`, seller.email ?? '']
    .filter((part) => part !== '').join('\n');
  // Name, postal address, country, VAT id: the customer's full name and address (§14 UStG, Art. 226 VAT Directive).
  const customerText = [customer.name, customer.address ?? '', customer.country ?? '', customer.vatId === null ? '' : `${l.vatId} ${customer.vatId}`]
    .filter((part) => part !== '').join('\n');
  drawRow(doc, PARTY_COLUMNS, [sellerText, customerText], { size: 10 });
}

function writeLines({ doc, data, l, f }: Writer): void {
  const currency = data.invoice.currency;
  heading(doc, `${l.items} (${currency})`);
  drawRow(doc, LINE_COLUMNS, [l.description, l.period, l.quantity, l.unitPrice, l.amount], { bold: true });
  rule(doc);
  for (const line of data.invoice.lines) {
    const period = dateSpan(f, line.periodStartDate, line.periodEndDate);
    // A usage price below one minor unit prints exactly (0.0004), not rounded to 0.00 (STYLE.md "Money").
    const unit = line.unitAmountDecimal !== null ? f.decimalMoney(line.unitAmountDecimal, currency)
      : line.unitAmountMinor === null ? '' : f.money(line.unitAmountMinor, currency);
    const note = noteText(line, l, f, currency);
    const description = note === null ? line.description : `${line.description}\n${note}`;
    drawRow(doc, LINE_COLUMNS, [description, period, f.quantity(line.quantity), unit, f.money(line.amountMinor, currency)]);
  }
  rule(doc);
}

/** A proration or usage note in the document's language and formats; any other note (imported) as stored. */
function noteText(line: InvoiceLine, l: InvoiceLabels, f: LocaleFormat, currency: string): string | null {
  const money = (amountMinor: bigint) => f.money(amountMinor, currency);
  const parts = parseLineNote(line.note);
  if (parts !== null) return l.lineNote(parts, money);
  const usage = parseUsageNote(line.note);
  if (usage === null) return line.note;
  // The period column shows the span already when the two agree.
  const samePeriod = usage.startDate === line.periodStartDate && usage.endDate === line.periodEndDate;
  return l.usageNote(usage, { money, quantity: (value) => f.quantity(value.toString()), span: samePeriod ? '' : dateSpan(f, usage.startDate, usage.endDate) });
}

/** First – last day of a span whose end is exclusive ('' when either end is unknown), as every period on the invoice. */
function dateSpan(f: LocaleFormat, startDate: string | null, endDate: string | null): string {
  return startDate === null || endDate === null ? '' : `${f.date(startDate)} – ${f.date(lastDay(endDate))}`;
}

function writeTotals({ doc, data, l, f }: Writer): void {
  const invoice = data.invoice;
  const c = invoice.currency;
  const rows: Array<[string, string, boolean]> = [[l.subtotal, f.money(invoice.subtotalMinor, c), false]];
  for (const { rateBps, taxMinor } of taxByRate(invoice.lines)) rows.push([l.tax(f.percent(rateBps)), f.money(taxMinor, c), false]);
  rows.push([l.total, f.money(invoice.totalMinor, c), true]);
  // A credit note settles nothing itself: what it was applied to is on the invoices.
  if (invoice.number !== null && data.creditNote === null) {
    rows.push([l.amountPaid, f.money(invoice.amountPaidMinor, c), false], [l.amountDue, f.money(invoice.amountDueMinor, c), true]);
  }
  doc.moveDown(0.5);
  for (const [label, value, bold] of rows) drawRow(doc, TOTAL_COLUMNS, [label, value], { bold, size: 10 });
}

function writeNotes({ doc, data, l, f }: Writer): void {
  const invoice = data.invoice;
  const notes: string[] = [];
  if (invoice.lines.some((line) => line.taxInclusive)) notes.push(l.pricesIncludeTax);
  const treatment = parseTaxNote(invoice.taxNote);
  if (treatment !== null) notes.push(taxTreatmentText(treatment, l));
  if (invoice.issueDate !== null && invoice.dueDate !== null) {
    const days = parsePlainDate(invoice.issueDate).until(parsePlainDate(invoice.dueDate)).days;
    notes.push(`${l.paymentTerms}: ${l.paymentTermsValue(f.integer(days), f.date(invoice.dueDate))}`);
  }
  if (notes.length === 0) return;
  doc.moveDown(1);
  doc.font(FONT.regular).fontSize(9).fillColor('black');
  for (const note of notes) {
    doc.text(note, PAGE.margin, doc.y, { width: PAGE.width });
    doc.moveDown(0.3);
  }
}

/** Page numbers, and the DRAFT / VOID watermark on every page. */
function writePageMarks({ doc, data, l }: Writer): void {
  const mark = data.invoice.status === 'draft' ? l.draft : data.invoice.status === 'void' ? l.void : null;
  forEachPage(doc, (pageNumber, pageCount) => {
    if (mark !== null) {
      // As large as fits across the page on one line (a long word in some languages would wrap).
      const size = Math.min(96, Math.floor((96 * doc.page.width * 0.8) / doc.font(FONT.bold).fontSize(96).widthOfString(mark)));
      doc.save().rotate(-40, { origin: [doc.page.width / 2, doc.page.height / 2] }).fillColor('#cc0000').fillOpacity(0.15)
        .font(FONT.bold).fontSize(size).text(mark, 0, doc.page.height / 2 - size / 2, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.restore();
    }
    footer(doc, l.page(pageNumber, pageCount));
  });
}

/** The reason for no VAT in the document's language; the reverse charge names the VAT id the invoice was drafted with. */
function taxTreatmentText(treatment: TaxTreatment, l: InvoiceLabels): string {
  switch (treatment.kind) {
    case 'reverse_charge': return l.reverseCharge(treatment.customerVatId);
    case 'outside_eu': return l.outsideEu;
    case 'other': return treatment.text;
  }
}
