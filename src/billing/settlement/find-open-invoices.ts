import type { Ctx } from '../../shared/context.ts';
import { billingDb } from '../billing-db.ts';

export type OpenInvoice = {
  id: string;
  accountId: string;
  number: string | null;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  totalMinor: bigint;
  amountDueMinor: bigint;
};

const OPEN_COLUMNS = ['id', 'account_id', 'number', 'currency', 'issue_date', 'due_date', 'total_minor', 'amount_due_minor'] as const;

type OpenRow = { id: string; account_id: string; number: string | null; currency: string; issue_date: string | null; due_date: string | null; total_minor: bigint; amount_due_minor: bigint };

function toOpenInvoice(row: OpenRow): OpenInvoice {
  return {
    id: row.id, accountId: row.account_id, number: row.number, currency: row.currency, issueDate: row.issue_date,
    dueDate: row.due_date, totalMinor: row.total_minor, amountDueMinor: row.amount_due_minor,
  };
}

/**
 * Issued invoices of an account with something still due, in one currency, oldest first: by due
 * date (an invoice without one counts from its issue date), then issue date, then number — the
 * order cash application pays them in. `lock` takes their row locks (inside a transaction).
 */
export async function findOpenInvoices(ctx: Ctx, accountId: string, currency: string, options: { lock?: boolean } = {}): Promise<OpenInvoice[]> {
  let query = billingDb(ctx).selectFrom('invoices').select(OPEN_COLUMNS)
    .where('account_id', '=', accountId).where('currency', '=', currency)
    .where('status', '=', 'issued').where('amount_due_minor', '>', 0n)
    .orderBy('id');
  // Row locks in id order, so two payments of one account never wait on each other in a cycle.
  if (options.lock) query = query.forUpdate();
  const rows = await query.execute();
  return rows.map(toOpenInvoice).sort(oldestFirst);
}

/** Issued invoices with something due whose number is one of the given (any account). */
export async function findOpenInvoicesByNumber(ctx: Ctx, numbers: readonly string[]): Promise<OpenInvoice[]> {
  if (numbers.length === 0) return [];
  const rows = await billingDb(ctx).selectFrom('invoices').select(OPEN_COLUMNS)
    .where('number', 'in', [...numbers]).where('status', '=', 'issued').where('amount_due_minor', '>', 0n)
    .execute();
  return rows.map(toOpenInvoice).sort(oldestFirst);
}

export function oldestFirst(a: OpenInvoice, b: OpenInvoice): number {
  const aDate = a.dueDate ?? a.issueDate ?? '';
  const bDate = b.dueDate ?? b.issueDate ?? '';
  if (aDate !== bDate) return aDate < bDate ? -1 : 1;
  const aIssue = a.issueDate ?? '';
  const bIssue = b.issueDate ?? '';
  if (aIssue !== bIssue) return aIssue < bIssue ? -1 : 1;
  const aKey = a.number ?? a.id;
  const bKey = b.number ?? b.id;
  return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
}

export type OverdueInvoice = OpenInvoice & { accountName: string; accountCountry: string | null };

/**
 * Issued invoices with something still due whose due date is before `date` (any account), oldest
 * first — dunning's and the collections worklist's input. A paid invoice is never in it, so it
 * leaves dunning the moment it is paid.
 */
export async function findOverdueInvoices(ctx: Ctx, date: string, filter: { accountId?: string } = {}): Promise<OverdueInvoice[]> {
  let query = billingDb(ctx).selectFrom('invoices').innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select([
      'invoices.id', 'invoices.account_id', 'invoices.number', 'invoices.currency', 'invoices.issue_date', 'invoices.due_date',
      'invoices.total_minor', 'invoices.amount_due_minor', 'accounts.name as account_name', 'accounts.country as account_country',
    ])
    .where('invoices.status', '=', 'issued').where('invoices.amount_due_minor', '>', 0n).where('invoices.due_date', '<', date);
  if (filter.accountId !== undefined) query = query.where('invoices.account_id', '=', filter.accountId);
  const rows = await query.execute();
  return rows.map((row) => ({ ...toOpenInvoice(row), accountName: row.account_name, accountCountry: row.account_country })).sort(oldestFirst);
}
