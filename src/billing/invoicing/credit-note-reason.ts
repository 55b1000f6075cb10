/**
 * Why a credit note was issued, as parts. The credit note stores English text, written by
 * void-invoice.ts ("Void of INV-…: <the user's words>") or draft-invoices.ts ("Credit for unused time
 * (subscription change on YYYY-MM-DD)"); the PDF and the web app read the parts back here and word
 * them in their own language. The user's own words stay as written, and so does any other text.
 */
export type CreditNoteReason =
  /** The void of an invoice: `words` are the reason given when voiding. */
  | { kind: 'void'; invoiceNumber: string; words: string }
  /** A net credit after a subscription change (cancellation, pause, downgrade) on `changeDate`. */
  | { kind: 'unused_time'; changeDate: string }
  | { kind: 'other'; text: string };

const UNUSED_TIME = /^Credit for unused time \(subscription change on (\d{4}-\d{2}-\d{2})\)$/;

/** `invoiceNumber` is the number of the invoice the credit note corrects (null when none). */
export function parseCreditNoteReason(note: { kind: 'void' | 'adjustment'; reason: string; invoiceNumber: string | null }): CreditNoteReason {
  if (note.kind === 'void' && note.invoiceNumber !== null) {
    const prefix = `Void of ${note.invoiceNumber}: `;
    if (note.reason.startsWith(prefix)) return { kind: 'void', invoiceNumber: note.invoiceNumber, words: note.reason.slice(prefix.length) };
  }
  const unused = UNUSED_TIME.exec(note.reason);
  if (note.kind === 'adjustment' && unused?.[1] !== undefined) return { kind: 'unused_time', changeDate: unused[1] };
  return { kind: 'other', text: note.reason };
}
