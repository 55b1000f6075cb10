import type { TFunction } from 'i18next';
import { percentToBps, typedAmountMinor } from '../lib/amount-input.ts';
import { bpsToPercentText, minorToInputText } from '../lib/decimal-text.ts';
import type { Discount, QuoteLine, RampYear } from './types.ts';

export type DiscountKind = 'none' | 'percent' | 'amount';
/** What the user typed for a discount: kept as text, so nothing is lost or reformatted while typing. */
export type DiscountDraft = { kind: DiscountKind; value: string };
export type LineDraft = { quantity: string; discount: DiscountDraft; rampOn: boolean; ramp: string[] };

export function discountDraftOf(discount: Discount | null, currency: string): DiscountDraft {
  if (discount === null) return { kind: 'none', value: '' };
  if ('percentBps' in discount) return { kind: 'percent', value: bpsToPercentText(discount.percentBps) };
  return { kind: 'amount', value: minorToInputText(discount.amount.amountMinor, currency) };
}

export function lineDraftOf(line: QuoteLine, currency: string): LineDraft {
  return {
    quantity: String(line.quantity),
    discount: discountDraftOf(line.discount, currency),
    rampOn: line.ramp !== null,
    ramp: (line.ramp ?? []).map((year) => String(year.quantity)),
  };
}

/** The discount to send, or a message for the field; null value = no discount. */
export function parseDiscount(draft: DiscountDraft, currency: string, t: TFunction): { value: Discount | null } | { error: string } {
  if (draft.kind === 'none' || draft.value.trim() === '') return { value: null };
  if (draft.kind === 'percent') {
    const bps = percentToBps(draft.value);
    return bps === null ? { error: t('quotes.percentInvalid') } : { value: { percentBps: bps } };
  }
  // No thousands groups here: "19.999" is refused rather than read as 19 999.
  const minor = typedAmountMinor(draft.value, currency, { grouping: false });
  return minor === null ? { error: t('quotes.amountInvalid') } : { value: { amount: { amountMinor: minor.toString(), currency } } };
}

const quantityOf = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

export type LineChanges = { quantity?: number; discount?: Discount | null; ramp?: RampYear[] | null };

/** The fields that differ from the server's line, or the client-side errors by field. */
export function lineChanges(draft: LineDraft, line: QuoteLine, currency: string, t: TFunction): { changes: LineChanges; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const changes: LineChanges = {};
  const discount = parseDiscount(draft.discount, currency, t);
  if ('error' in discount) errors['discount'] = discount.error;
  else if (canonical(discount.value) !== canonical(line.discount)) changes.discount = discount.value;
  if (draft.rampOn) {
    const quantities = draft.ramp.map(quantityOf);
    if (quantities.some((q) => q === null) || quantities.length === 0) errors['ramp'] = t('quotes.quantityInvalid');
    else {
      const ramp = quantities.map((quantity, index) => ({ year: index + 1, quantity: quantity ?? 0, discountBps: null }));
      if (JSON.stringify(ramp.map((r) => r.quantity)) !== JSON.stringify((line.ramp ?? []).map((r) => r.quantity))) changes.ramp = ramp;
    }
  } else {
    const quantity = quantityOf(draft.quantity);
    if (quantity === null) errors['quantity'] = t('quotes.quantityInvalid');
    else if (quantity !== line.quantity || line.ramp !== null) {
      changes.quantity = quantity;
      if (line.ramp !== null) changes.ramp = null;
    }
  }
  return { changes, errors };
}

function canonical(discount: Discount | null): string {
  if (discount === null) return 'none';
  return 'percentBps' in discount ? `p${discount.percentBps}` : `a${String(discount.amount.amountMinor)}`;
}
