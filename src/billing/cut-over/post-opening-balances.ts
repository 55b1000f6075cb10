import { LEDGER_ACCOUNTS, postJournalEntry, type JournalLineInput } from '../../ledger/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { money } from '../../shared/money.ts';
import { nowOf } from '../billing-db.ts';
import { ruleError } from '../field-errors.ts';
import { cutOverDb } from './cut-over-tables.ts';

export type OpeningEntry = { currency: string; journalEntryId: string; amountMinor: bigint; invoices: number };
export type OpeningBalancesResult = { cutOverDate: string; entries: OpeningEntry[] };

type OpenInvoice = { id: string; accountId: string; currency: string; amountDueMinor: bigint };

/**
 * Takes the open receivables of imported invoices onto Revline's ledger at the cut-over
 * (docs/billing.md "Imported subscriptions and cut-over"): one entry per currency, dated the
 * cut-over (currencies in code order), Dr AR per customer account / Cr opening balance equity, for every imported invoice
 * issued before the cut-over with something due. Each invoice is opened at most once (its row in
 * billing_cut_over_openings, written in the same transaction), so a rerun posts nothing; an invoice
 * imported late is opened by the next call, in a new entry. Imported payments were netted out of
 * the amount due by the import (book-imported-payment.ts credits opening equity for them, not AR).
 */
export async function postOpeningBalances(ctx: Ctx): Promise<OpeningBalancesResult> {
  return inTransaction(ctx, async (tx) => {
    const row = await cutOverDb(tx).selectFrom('billing_cut_over').select('cut_over_date').forUpdate().executeTakeFirst();
    if (!row) throw ruleError('date', 'no cut-over date is set; PUT /api/v1/billing/cut-over first');
    const cutOverDate = row.cut_over_date;
    const open = await lockUnopenedInvoices(tx, cutOverDate);
    const entries: OpeningEntry[] = [];
    const byCurrency = [...groupBy(open, (invoice) => invoice.currency)].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [currency, invoices] of byCurrency) {
      entries.push(await postCurrencyOpening(tx, cutOverDate, currency, invoices));
    }
    return { cutOverDate, entries };
  });
}

/** Imported, issued before the cut-over, still open and not yet opened; row-locked so a re-import cannot change them meanwhile. */
async function lockUnopenedInvoices(tx: TxCtx, cutOverDate: string): Promise<OpenInvoice[]> {
  const rows = await cutOverDb(tx).selectFrom('invoices')
    .select(['id', 'account_id', 'currency', 'amount_due_minor'])
    .where('source_system', 'is not', null).where('status', '=', 'issued').where('issue_date', '<', cutOverDate).where('amount_due_minor', '>', 0n)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('billing_cut_over_openings').select('invoice_id').whereRef('billing_cut_over_openings.invoice_id', '=', 'invoices.id'))))
    .orderBy('id').forUpdate().execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, currency: r.currency, amountDueMinor: r.amount_due_minor }));
}

async function postCurrencyOpening(tx: TxCtx, cutOverDate: string, currency: string, invoices: OpenInvoice[]): Promise<OpeningEntry> {
  const byAccount = groupBy(invoices, (invoice) => invoice.accountId);
  const totalMinor = invoices.reduce((sum, invoice) => sum + invoice.amountDueMinor, 0n);
  const lines: JournalLineInput[] = [...byAccount].map(([accountId, own]) => ({
    accountCode: LEDGER_ACCOUNTS.accountsReceivable, debit: money(own.reduce((sum, invoice) => sum + invoice.amountDueMinor, 0n), currency), refs: { accountId },
  }));
  lines.push({ accountCode: LEDGER_ACCOUNTS.openingBalanceEquity, credit: money(totalMinor, currency) });
  const first = invoices[0]?.id ?? '';
  const entry = await postJournalEntry(tx, {
    entryDate: cutOverDate, description: `Opening receivables of ${invoices.length} imported invoice(s) at the cut-over ${cutOverDate}`,
    source: { type: 'billing_cut_over', id: `${currency}:${first}` }, idempotencyKey: `cut_over_opening:${currency}:${first}`, lines,
  });
  await cutOverDb(tx).insertInto('billing_cut_over_openings').values(invoices.map((invoice) => ({
    invoice_id: invoice.id, account_id: invoice.accountId, currency, amount_minor: invoice.amountDueMinor, cut_over_date: cutOverDate,
    journal_entry_id: entry.id, created_at: nowOf(tx),
  }))).execute();
  await recordAudit(tx, {
    action: 'open', entityType: 'billing_cut_over', entityId: 'default', before: null,
    after: { cutOverDate, currency, amountMinor: totalMinor, journalEntryId: entry.id, invoices: invoices.map((invoice) => [invoice.id, invoice.amountDueMinor]) },
  });
  return { currency, journalEntryId: entry.id, amountMinor: totalMinor, invoices: invoices.length };
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}
