import type { Selectable } from 'kysely';
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

/** The tables metrics owns. */
export type MetricsTables = { fx_rates: FxRatesTable };
