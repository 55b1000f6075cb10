import type { FieldError } from '../lib/api.ts';
import { typedAmountMinor, type DecimalOptions } from '../lib/amount-input.ts';

/** The opportunity amount is a plain decimal ("12500.00"): a third decimal is refused, not read as a thousands group. */
export const PLAIN_AMOUNT: DecimalOptions = { grouping: false };

export type ConvertValues = {
  accountMode: 'create' | 'existing';
  accountName: string;
  accountCurrency: string;
  accountId: string;
  contactId: string;
  withOpportunity: boolean;
  opportunityName: string;
  opportunityAmount: string;
  opportunityCloseDate: string;
  opportunityStage: string;
};
export type ConvertField = Exclude<keyof ConvertValues, 'accountMode' | 'withOpportunity'>;

/** Server field paths (body.createAccount.name…) → the form's inputs; anything else goes to the banner. */
const SERVER_FIELDS: ReadonlyArray<[string, ConvertField]> = [
  ['body.accountId', 'accountId'],
  ['body.createAccount.name', 'accountName'],
  ['body.createAccount.currency', 'accountCurrency'],
  ['body.contactId', 'contactId'],
  ['body.createOpportunity.name', 'opportunityName'],
  ['body.createOpportunity.amount', 'opportunityAmount'],
  ['body.createOpportunity.closeDate', 'opportunityCloseDate'],
  ['body.createOpportunity.stage', 'opportunityStage'],
];

/** `localize` words a placed error for the reader (localizeFieldError); the rest keep the server's words for the banner. */
export function placeServerErrors(errors: readonly FieldError[], localize: (error: FieldError) => string): { fields: Partial<Record<ConvertField, string>>; rest: FieldError[] } {
  const fields: Partial<Record<ConvertField, string>> = {};
  const rest: FieldError[] = [];
  for (const error of errors) {
    const match = SERVER_FIELDS.find(([path]) => error.field === path || error.field.startsWith(`${path}.`));
    if (match) fields[match[1]] ??= localize(error);
    else rest.push(error);
  }
  return { fields, rest };
}

export function opportunityCurrency(values: ConvertValues, accountCurrency: string | null): string {
  return values.accountMode === 'create' ? values.accountCurrency.trim().toUpperCase() : (accountCurrency ?? '');
}

/**
 * The body of POST /leads/:id/convert. Amounts are typed as decimals and sent in minor units;
 * a malformed amount is sent as typed text so the server's field error explains it.
 */
export function buildConvertBody(values: ConvertValues, version: number, accountCurrency: string | null): Record<string, unknown> {
  const currency = opportunityCurrency(values, accountCurrency);
  return {
    version,
    ...(values.accountMode === 'create'
      ? { createAccount: { name: values.accountName.trim(), currency: values.accountCurrency.trim().toUpperCase() } }
      : { accountId: values.accountId }),
    ...(values.contactId !== '' ? { contactId: values.contactId } : {}),
    ...(values.withOpportunity
      ? {
          createOpportunity: {
            name: values.opportunityName.trim(),
            amount: { amountMinor: typedAmountMinor(values.opportunityAmount, currency, PLAIN_AMOUNT)?.toString() ?? values.opportunityAmount, currency },
            closeDate: values.opportunityCloseDate,
            ...(values.opportunityStage !== '' ? { stage: values.opportunityStage } : {}),
          },
        }
      : {}),
  };
}
