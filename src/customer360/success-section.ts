import { getAdoption, getUsage } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { ratioText } from './money-totals.ts';
import { findTickets, sumTicketStats } from './read-model.ts';
import type { Customer360 } from './schema.ts';

const TICKET_LIMIT = 100;
const USAGE_MONTHS = 12;

/** Usage of all features per month, the last 12 months including the current one (crm's monthly series). */
async function usageByMonth(ctx: Ctx, accountId: string, today: string): Promise<Customer360['success']['usageByMonth']> {
  const thisMonth = parsePlainDate(today).with({ day: 1 });
  const series = await getUsage(ctx, {
    accountId, granularity: 'month', startDate: toIsoDate(thisMonth.subtract({ months: USAGE_MONTHS - 1 })), endDate: toIsoDate(thisMonth.add({ months: 1 })),
  });
  const totals = new Map<string, bigint>();
  for (const point of series.data) totals.set(point.periodStartDate, (totals.get(point.periodStartDate) ?? 0n) + BigInt(point.count));
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({
    month, count: count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : count.toString(),
  }));
}

/** Tickets with CSAT, average CSAT, adoption (active users ÷ seats, latest snapshot) and the usage trend. */
export async function loadSuccessSection(ctx: Ctx, accountId: string, today: string): Promise<Customer360['success']> {
  const tickets = await findTickets(ctx, accountId, TICKET_LIMIT);
  const stats = await sumTicketStats(ctx, accountId);
  const adoption = await getAdoption(ctx, accountId, today);
  return {
    tickets: tickets.map((row) => ({
      id: row.id, subject: row.subject, status: row.status, priority: row.priority, channel: row.channel,
      openedAt: new Date(row.opened_at).toISOString(), closedAt: row.closed_at === null ? null : new Date(row.closed_at).toISOString(), csat: row.csat,
    })),
    ticketCount: Number(stats.ticket_count), openTicketCount: Number(stats.open_count),
    averageCsat: ratioText(BigInt(stats.csat_sum), BigInt(stats.csat_count)), csatResponses: Number(stats.csat_count),
    adoption: adoption === null ? null : {
      asOfDate: adoption.asOfDate, activeUsers: adoption.activeUsers, licensedSeats: adoption.licensedSeats, percent: adoption.adoptionRate?.percent ?? null,
    },
    usageByMonth: await usageByMonth(ctx, accountId, today),
  };
}
