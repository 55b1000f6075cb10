import type { ColumnType, Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../shared/db/tables.ts';

/** migrations/202611230110_create_fx_rates.ts: "on rate_date, 1 base = rate quote", rate exact decimal text. */
export type FxRatesTable = {
  base: string;
  quote: string;
  rate_date: CalendarDate;
  rate: string;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};
export type FxRateRow = Selectable<FxRatesTable>;

type BigIntColumn = ColumnType<bigint, bigint | string, bigint | string>;

/** migrations/202611230170_create_sales_targets.ts: monthly targets, company-wide (breakdown '') or per breakdown value. */
export type SalesTargetsTable = {
  month_date: CalendarDate;
  breakdown: '' | 'segment' | 'country' | 'industry';
  breakdown_value: string;
  currency: string;
  amount_minor: BigIntColumn;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** migrations/202611230171_create_marketing_spend.ts: sales and marketing spend by day. */
export type MarketingSpendTable = {
  spend_date: CalendarDate;
  kind: 'sales' | 'marketing';
  category: string;
  campaign_id: string | null;
  line_key: ColumnType<string, never, never>;
  currency: string;
  amount_minor: BigIntColumn;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** migrations/202612070300_create_mrr_store_snapshots.ts: the MRR store as bytes (a cache, mrr-store-snapshot.ts). */
export type MrrStoreSnapshotsTable = {
  key: 'current';
  data_version: string;
  rules_stamp: string;
  sha256: string;
  payload: Uint8Array;
  built_at: Timestamp;
};

/** migrations/202612140000_create_reporting_settings.ts: one row, the company's reporting currency (null: per currency). */
export type ReportingSettingsTable = {
  id: boolean;
  reporting_currency: string | null;
  updated_at: Timestamp;
};

/** The tables metrics owns. */
export type MetricsTables = {
  fx_rates: FxRatesTable; sales_targets: SalesTargetsTable; marketing_spend: MarketingSpendTable; mrr_store_snapshots: MrrStoreSnapshotsTable;
  reporting_settings: ReportingSettingsTable;
};
