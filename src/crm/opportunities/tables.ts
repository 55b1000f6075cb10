import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CalendarDate, Json, Timestamp } from '../../shared/db/tables.ts';
import type { ForecastCategory } from '../pipeline/index.ts';

export const OPPORTUNITY_TYPES = ['new', 'expansion', 'renewal'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

/** int8 columns are read as bigint (open-database.ts parsers) and written as bigint or integer text. */
type BigIntColumn = ColumnType<bigint, bigint | string, bigint | string>;

export type OpportunitiesTable = {
  id: string;
  account_id: string;
  name: string;
  type: OpportunityType;
  amount_minor: BigIntColumn;
  currency: string;
  stage_key: string;
  probability_bps: number;
  close_date: CalendarDate;
  owner_user_id: string | null;
  source: string | null;
  campaign_id: string | null;
  forecast_category: ForecastCategory;
  lost_reason: string | null;
  closed_at: Timestamp | null;
  won: boolean;
  custom_fields: Json;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type OpportunityRow = Selectable<OpportunitiesTable>;

export type OpportunityStageHistoryTable = {
  id: ColumnType<bigint, never, never>;
  opportunity_id: string;
  stage_key: string;
  entered_at: Timestamp;
  left_at: Timestamp | null;
  amount_minor: BigIntColumn;
  currency: string;
  actor_id: string;
};
export type StageHistoryRow = Selectable<OpportunityStageHistoryTable>;

export type OpportunityTables = { opportunities: OpportunitiesTable; opportunity_stage_history: OpportunityStageHistoryTable };
