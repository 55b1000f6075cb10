import type { Generated, Kysely, Selectable } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../../shared/db/tables.ts';
import type { CrmTables } from '../../crm/index.ts';
import type { BillingTables } from '../tables.ts';

// Mirrors migrations/202611230140_create_invoice_settlements.ts.
export const SETTLEMENT_SOURCE_TYPES = ['payment', 'credit_note'] as const;
export type SettlementSourceType = (typeof SETTLEMENT_SOURCE_TYPES)[number];
export const SETTLEMENT_REASONS = ['apply', 'unapply', 'chargeback'] as const;
export type SettlementReason = (typeof SETTLEMENT_REASONS)[number];

export type InvoiceSettlementsTable = {
  id: Generated<bigint>;
  invoice_id: string;
  currency: string;
  source_type: SettlementSourceType;
  source_id: string;
  reason: SettlementReason;
  /** Positive when applied, negative when taken back. */
  amount_minor: bigint;
  effective_date: CalendarDate;
  created_at: Timestamp;
};
export type InvoiceSettlementRow = Selectable<InvoiceSettlementsTable>;

/** Cash paid back for a credit note's remaining credit (migration 202612121003). */
export type CreditNoteRefundsTable = {
  id: string;
  credit_note_id: string;
  account_id: string;
  currency: string;
  amount_minor: bigint;
  refund_date: CalendarDate;
  reason: string | null;
  journal_entry_id: string;
  created_at: Timestamp;
};

export type SettlementTables = BillingTables & { invoice_settlements: InvoiceSettlementsTable; credit_note_refunds: CreditNoteRefundsTable };

export function settlementDb(ctx: Ctx): Kysely<SharedTables & CrmTables & SettlementTables> {
  return ctx.db.withTables<CrmTables & SettlementTables>();
}
