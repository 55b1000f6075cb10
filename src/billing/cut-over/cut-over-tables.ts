import type { Kysely } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../../shared/db/tables.ts';
import type { CrmTables } from '../../crm/index.ts';
import type { BillingTables } from '../tables.ts';

// Mirrors migrations/202612071000_create_billing_cut_over.ts.
export type CutOverTables = {
  billing_cut_over: { id: boolean; cut_over_date: CalendarDate; updated_at: Timestamp };
  billing_cut_over_openings: {
    invoice_id: string; account_id: string; currency: string; amount_minor: bigint; cut_over_date: CalendarDate;
    journal_entry_id: string; created_at: Timestamp;
  };
};

export function cutOverDb(ctx: Ctx): Kysely<SharedTables & CrmTables & BillingTables & CutOverTables> {
  return ctx.db.withTables<CrmTables & BillingTables & CutOverTables>();
}
