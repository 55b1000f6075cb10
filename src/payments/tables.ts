import type { Kysely, Selectable } from 'kysely';
import type { CrmTables } from '../crm/index.ts';
import type { SettlementTables } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../shared/db/tables.ts';

// Mirrors migrations/202611230141_create_payment_receipts.ts and 202611230142_create_dunning.ts.
export const REVERSAL_KINDS = ['refund', 'chargeback'] as const;
export type ReversalKind = (typeof REVERSAL_KINDS)[number];
export const LANGUAGES = ['en', 'de', 'it', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const NOTICE_TEMPLATES = ['reminder', 'second_reminder', 'final_notice'] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];
export const NOTICE_CHANNELS = ['smtp', 'outbox', 'none'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export type PaymentReceiptsTable = {
  payment_id: string;
  account_id: string;
  currency: string;
  amount_minor: bigint;
  received_date: CalendarDate;
  import_key: string | null;
  journal_entry_id: string;
  created_at: Timestamp;
};

export type PaymentReversalsTable = {
  id: string;
  payment_id: string;
  kind: ReversalKind;
  currency: string;
  amount_minor: bigint;
  reversal_date: CalendarDate;
  reason: string | null;
  journal_entry_id: string;
  created_at: Timestamp;
};

export type DunningStagesTable = {
  code: string;
  position: number;
  days_after_due: number;
  template: NoticeTemplate | null;
  places_hold: boolean;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type DunningNoticesTable = {
  invoice_id: string;
  stage_code: string;
  account_id: string;
  run_date: CalendarDate;
  channel: NoticeChannel;
  recipient: string | null;
  subject: string | null;
  language: Language;
  location: string | null;
  created_at: Timestamp;
};

export type AccountHoldsTable = {
  id: string;
  account_id: string;
  reason: string;
  placed_date: CalendarDate;
  placed_at: Timestamp;
  released_at: Timestamp | null;
  release_reason: string | null;
  /** 'dunning': the hold stage placed it and the daily run lifts it; 'manual': only a release by hand does. */
  origin: HoldOrigin;
};

export const HOLD_ORIGINS = ['dunning', 'manual'] as const;
export type HoldOrigin = (typeof HOLD_ORIGINS)[number];

export type CollectionSettingsTable = { account_id: string; billing_email: string | null; language: Language; updated_at: Timestamp };

export type CollectionNotesTable = {
  id: string;
  account_id: string;
  invoice_id: string | null;
  body: string;
  contacted: boolean;
  author_id: string;
  created_at: Timestamp;
};

export type PaymentPromisesTable = {
  id: string;
  account_id: string;
  invoice_id: string | null;
  promised_date: CalendarDate;
  currency: string;
  amount_minor: bigint;
  note: string | null;
  author_id: string;
  created_at: Timestamp;
};

export type ReceiptRow = Selectable<PaymentReceiptsTable>;
export type ReversalRow = Selectable<PaymentReversalsTable>;
export type DunningStageRow = Selectable<DunningStagesTable>;
export type AccountHoldRow = Selectable<AccountHoldsTable>;

export type PaymentsTables = {
  payment_receipts: PaymentReceiptsTable;
  payment_reversals: PaymentReversalsTable;
  dunning_stages: DunningStagesTable;
  dunning_notices: DunningNoticesTable;
  account_holds: AccountHoldsTable;
  collection_settings: CollectionSettingsTable;
  collection_notes: CollectionNotesTable;
  payment_promises: PaymentPromisesTable;
};

/**
 * The payments domain's view of the database. Billing's and crm's tables are in the type only so
 * reads can join them (accounts for names); every write to them goes through billing's index.
 */
export function paymentsDb(ctx: Ctx): Kysely<SharedTables & CrmTables & SettlementTables & PaymentsTables> {
  return ctx.db.withTables<CrmTables & SettlementTables & PaymentsTables>();
}

export function nowOf(ctx: Ctx): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}
