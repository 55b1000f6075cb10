import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { addDaysToDate } from './month-numbers.ts';
import type { Period } from './periods.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';
import type { AccountAttributes } from './record-groups.ts';

export type TicketRecord = AccountAttributes & { id: string; accountId: string; openedDate: string; closedDate: string | null; csat: number | null };
export type SeatSnapshot = AccountAttributes & { accountId: string; asOfDate: string; licensedSeats: number; activeUsers: number };

const range = (periods: readonly Period[]) => ({ fromDate: periods[0]?.startDate ?? '', toDate: periods[periods.length - 1]?.endDate ?? '' });

/** Tickets opened or closed within the periods (UTC dates), soft-deleted ones excluded; with asOf, tickets and accounts as they stood then. */
export async function loadTickets(ctx: Ctx, periods: readonly Period[], asOf: Date | null = null): Promise<TicketRecord[]> {
  if (periods.length === 0) return [];
  const { fromDate, toDate } = range(periods);
  const from = new Date(`${fromDate}T00:00:00Z`);
  const to = new Date(`${addDaysToDate(toDate, 1)}T00:00:00Z`);
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('support_tickets', asOf).as('t')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 't.account_id')
    .select(['t.id', 't.account_id', 't.csat', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<string>`(t.opened_at at time zone 'UTC')::date`.as('opened_date'))
    .select(sql<string | null>`(t.closed_at at time zone 'UTC')::date`.as('closed_date'))
    .where('t.deleted_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('t.opened_at', '>=', from), eb('t.opened_at', '<', to)]), eb.and([eb('t.closed_at', '>=', from), eb('t.closed_at', '<', to)])]))
    .orderBy('t.opened_at').orderBy('t.id').execute();
  return rows.map((row) => ({
    id: row.id, accountId: row.account_id, openedDate: String(row.opened_date), closedDate: row.closed_date === null ? null : String(row.closed_date), csat: row.csat,
    segment: row.segment, country: row.country, industry: row.industry,
  }));
}

/** Seat snapshots dated within the periods, oldest first; with asOf, snapshots and accounts as they stood then. */
export async function loadSeatSnapshots(ctx: Ctx, periods: readonly Period[], asOf: Date | null = null): Promise<SeatSnapshot[]> {
  if (periods.length === 0) return [];
  const { fromDate, toDate } = range(periods);
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('account_seats', asOf).as('s')).innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 's.account_id')
    .select(['s.account_id', 's.as_of_date', 's.licensed_seats', 's.active_users', 'a.segment', 'a.country', 'a.industry'])
    .where('s.as_of_date', '>=', fromDate).where('s.as_of_date', '<=', toDate).orderBy('s.as_of_date').orderBy('s.account_id').execute();
  return rows.map((row) => ({
    accountId: row.account_id, asOfDate: row.as_of_date, licensedSeats: row.licensed_seats, activeUsers: row.active_users, segment: row.segment, country: row.country, industry: row.industry,
  }));
}
