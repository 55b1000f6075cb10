import type { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../shared/dates.ts';

/**
 * A read model of billing's `invoices` table: the columns the overdue-invoice rule reads,
 * declared here because cpq comes before billing in the dependency order (docs/architecture.md)
 * and may not import it. Read-only, and the one place in cpq that names that table; it follows
 * migrations/202611230051_create_invoices.ts (status issued = unpaid and not void).
 */
type InvoiceReadModel = {
  id: string;
  account_id: string;
  number: string | null;
  status: string;
  currency: string;
  due_date: string | null;
  amount_due_minor: bigint;
};

export type OverdueInvoice = { id: string; number: string | null; dueDate: string; daysOverdue: number; amountDueMinor: bigint; currency: string };

/** Issued invoices of the account with something still due and a due date before today, oldest first. */
export async function findOverdueInvoices(ctx: Ctx, accountId: string, today: Temporal.PlainDate): Promise<OverdueInvoice[]> {
  const rows = await ctx.db
    .withTables<{ invoices: InvoiceReadModel }>()
    .selectFrom('invoices')
    .select(['id', 'number', 'currency', 'due_date', 'amount_due_minor'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'issued')
    .where('amount_due_minor', '>', 0n)
    .where('due_date', '<', toIsoDate(today))
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const dueDate = row.due_date ?? toIsoDate(today);
    return {
      id: row.id,
      number: row.number,
      dueDate,
      daysOverdue: parsePlainDate(dueDate).until(today, { largestUnit: 'days' }).days,
      amountDueMinor: row.amount_due_minor,
      currency: row.currency,
    };
  });
}
