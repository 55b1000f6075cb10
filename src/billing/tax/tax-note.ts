/**
 * The note an invoice carries when it charges no VAT, and why. The invoice stores it as English text
 * (`invoices.tax_note`, fixed at drafting, so an issued invoice keeps the reason and the VAT id it was
 * issued with); documents and the web app read it back here and word it in their own language.
 */
export type TaxTreatment =
  /** EU reverse charge: the customer's VAT id as validated when the invoice was drafted. */
  | { kind: 'reverse_charge'; customerVatId: string }
  /** An EU seller's customer outside the EU, no rate configured for that country: outside the scope of EU VAT. */
  | { kind: 'outside_eu' }
  /** A note written otherwise (e.g. by an import): shown as it is. */
  | { kind: 'other'; text: string };

const REVERSE_CHARGE_PREFIX = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC). Customer VAT ID ';
const OUTSIDE_EU_NOTE = 'Not subject to VAT: the place of supply is outside the EU (Council Directive 2006/112/EC).';

export function reverseChargeNote(customerVatId: string): string {
  return `${REVERSE_CHARGE_PREFIX}${customerVatId}.`;
}

export function outsideEuNote(): string {
  return OUTSIDE_EU_NOTE;
}

export function parseTaxNote(note: string | null): TaxTreatment | null {
  if (note === null) return null;
  if (note.startsWith(REVERSE_CHARGE_PREFIX) && note.endsWith('.')) {
    return { kind: 'reverse_charge', customerVatId: note.slice(REVERSE_CHARGE_PREFIX.length, -1) };
  }
  if (note === OUTSIDE_EU_NOTE) return { kind: 'outside_eu' };
  return { kind: 'other', text: note };
}
