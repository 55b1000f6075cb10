import { findManagedTeamMemberIds, findTeamMemberIds } from '../identity/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { commissionsDb } from './commissions-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { ALL_REPS_ROLES } from './access.ts';
import { listEntriesOfRep } from './entry-repo.ts';
import { statementQuerySchema, type CommissionEntry, type CommissionStatement, type StatementQuery, type StatementTotal } from './schema.ts';

/** A rep may read their own statement; a manager their own and their teams'; finance, revops and admin anyone's. */
async function assertMayRead(ctx: Ctx, repUserId: string): Promise<void> {
  const actor = ctx.actor;
  if (ALL_REPS_ROLES.includes(actor.role) || actor.kind === 'system' || actor.id === repUserId) return;
  if (actor.role === 'sales_manager') {
    const team = actor.teamId ? await findTeamMemberIds(ctx, actor.teamId) : [];
    const managed = await findManagedTeamMemberIds(ctx, actor.id);
    if (team.includes(repUserId) || managed.includes(repUserId)) return;
  }
  throw forbidden('You can read only your own commission statement');
}

function totalsOf(entries: readonly CommissionEntry[]): StatementTotal[] {
  const byCurrency = new Map<string, StatementTotal>();
  for (const entry of entries) {
    const total = byCurrency.get(entry.currency) ?? { currency: entry.currency, accruedMinor: 0n, clawedBackMinor: 0n, netMinor: 0n };
    if (entry.kind === 'accrual') total.accruedMinor += entry.amountMinor;
    else total.clawedBackMinor += entry.amountMinor;
    total.netMinor += entry.amountMinor;
    byCurrency.set(entry.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * A statement of a user id that does not exist would read as "earned nothing": a 404 naming the id
 * instead (after the access check, so a rep cannot probe which ids exist). A known user without
 * entries still gets an empty statement.
 */
async function assertRepExists(ctx: Ctx, repUserId: string): Promise<void> {
  const user = await commissionsDb(ctx).selectFrom('users').select('id').where('id', '=', repUserId).executeTakeFirst();
  if (user) return;
  const message = `there is no user ${repUserId}`;
  throw new AppError('not_found', `querystring.repId: ${message}`, { fieldErrors: [{ field: 'querystring.repId', message }], extra: { entity: 'user', id: repUserId } });
}

/**
 * A rep's commission statement for a calendar month: every entry earned in it (accruals on the
 * booked day, clawbacks on the cancellation day) and per-currency totals, which are exact sums of
 * the entries (no re-rounding; currencies are never mixed).
 */
export async function getStatement(ctx: Ctx, query: StatementQuery): Promise<CommissionStatement> {
  const parsed = parseInput(statementQuerySchema, query, 'querystring');
  await assertMayRead(ctx, parsed.repId);
  await assertRepExists(ctx, parsed.repId);
  const start = parsePlainDate(`${parsed.period}-01`);
  const periodStartDate = toIsoDate(start);
  const periodEndDate = toIsoDate(start.add({ months: 1 }));
  const entries = await listEntriesOfRep(ctx, parsed.repId, periodStartDate, periodEndDate);
  return { repUserId: parsed.repId, period: parsed.period, periodStartDate, periodEndDate, entries, totals: totalsOf(entries) };
}
