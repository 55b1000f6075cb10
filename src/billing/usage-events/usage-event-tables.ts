import type { Kysely } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { CalendarDate, SharedTables, Timestamp } from '../../shared/db/tables.ts';
import type { CrmTables } from '../../crm/index.ts';

// Mirrors migrations/202612070603_create_usage_events.ts.
export type UsageEventsTable = {
  event_id: string;
  account_id: string;
  feature_key: string;
  occurred_at: Timestamp;
  occurred_on: CalendarDate;
  value: bigint;
  unique_key: string | null;
  created_at: Timestamp;
};
export type UsageEventTables = { usage_events: UsageEventsTable };

export function usageEventsDb(ctx: Ctx): Kysely<SharedTables & CrmTables & UsageEventTables> {
  return ctx.db.withTables<CrmTables & UsageEventTables>();
}
