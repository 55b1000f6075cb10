import type { Selectable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { commissionsDb, nowOf } from './commissions-db.ts';
import type { CommissionEntry, CommissionLine } from './schema.ts';
import type { CommissionEntriesTable, CommissionEntryLinesTable } from './tables.ts';

// The only code writing commission_entries and their lines. Entries are immutable (trigger): a
// correction is a new, reversing entry. Every insert is audited.

export type NewEntry = Omit<CommissionEntry, 'createdAt' | 'amountMinor'>;

function toLine(row: Selectable<CommissionEntryLinesTable>): CommissionLine {
  return {
    lineNumber: row.line_number, productFamily: row.product_family, basis: row.basis, basisMinor: row.basis_minor, rateBps: row.rate_bps, amountMinor: row.amount_minor,
  };
}

function toEntry(row: Selectable<CommissionEntriesTable>, lines: CommissionLine[]): CommissionEntry {
  return {
    id: row.id, kind: row.kind, repUserId: row.rep_user_id, planId: row.plan_id, bookingId: row.booking_id, orderId: row.order_id,
    opportunityId: row.opportunity_id, accountId: row.account_id, subscriptionId: row.subscription_id, dealType: row.deal_type,
    currency: row.currency, amountMinor: row.amount_minor, earnedDate: row.earned_date, bookedDate: row.booked_date,
    reversesEntryId: row.reverses_entry_id, reason: row.reason, createdAt: row.created_at.toISOString(), lines,
  };
}

async function withLines(ctx: Ctx, rows: ReadonlyArray<Selectable<CommissionEntriesTable>>): Promise<CommissionEntry[]> {
  if (rows.length === 0) return [];
  const lines = await commissionsDb(ctx).selectFrom('commission_entry_lines').selectAll()
    .where('entry_id', 'in', rows.map((row) => row.id)).orderBy('entry_id').orderBy('line_number').execute();
  const byEntry = new Map<string, CommissionLine[]>();
  for (const line of lines) byEntry.set(line.entry_id, [...(byEntry.get(line.entry_id) ?? []), toLine(line)]);
  return rows.map((row) => toEntry(row, byEntry.get(row.id) ?? []));
}

/** Inserts an entry with its lines; the entry's amount is their sum, by construction. */
export async function insertEntry(tx: TxCtx, entry: NewEntry): Promise<CommissionEntry> {
  assert(entry.lines.length > 0, `commission entry ${entry.id} has no lines`);
  const amountMinor = entry.lines.reduce((total, line) => total + line.amountMinor, 0n);
  const db = commissionsDb(tx);
  const row = await db.insertInto('commission_entries').values({
    id: entry.id, kind: entry.kind, rep_user_id: entry.repUserId, plan_id: entry.planId, booking_id: entry.bookingId, order_id: entry.orderId,
    opportunity_id: entry.opportunityId, account_id: entry.accountId, subscription_id: entry.subscriptionId, deal_type: entry.dealType,
    currency: entry.currency, amount_minor: amountMinor, earned_date: entry.earnedDate, booked_date: entry.bookedDate,
    reverses_entry_id: entry.reversesEntryId, reason: entry.reason, created_at: nowOf(tx),
  }).returningAll().executeTakeFirstOrThrow();
  // The lines as stored, from the insert's own answer (no read-back), in line order as withLines reads them.
  const lines = await db.insertInto('commission_entry_lines').values(entry.lines.map((line) => ({
    entry_id: entry.id, line_number: line.lineNumber, product_family: line.productFamily, basis: line.basis, basis_minor: line.basisMinor,
    rate_bps: line.rateBps, amount_minor: line.amountMinor, currency: entry.currency,
  }))).returningAll().execute();
  const saved = toEntry(row, lines.sort((a, b) => a.line_number - b.line_number).map(toLine));
  await recordAudit(tx, { action: entry.kind === 'accrual' ? 'accrue' : 'claw_back', entityType: 'commission_entry', entityId: saved.id, before: null, after: saved });
  return saved;
}

export async function findAccrualOfBooking(ctx: Ctx, bookingId: string): Promise<CommissionEntry | undefined> {
  const rows = await commissionsDb(ctx).selectFrom('commission_entries').selectAll().where('booking_id', '=', bookingId).where('kind', '=', 'accrual').execute();
  return (await withLines(ctx, rows))[0];
}

/** Accruals of these orders not yet reversed, oldest first. */
export async function listOpenAccrualsOfOrders(ctx: Ctx, orderIds: readonly string[]): Promise<CommissionEntry[]> {
  if (orderIds.length === 0) return [];
  const rows = await commissionsDb(ctx).selectFrom('commission_entries as accrual').selectAll('accrual')
    .where('accrual.kind', '=', 'accrual').where('accrual.order_id', 'in', [...orderIds])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('commission_entries as clawback').select('clawback.id').whereRef('clawback.reverses_entry_id', '=', 'accrual.id'))))
    .orderBy('accrual.created_at').orderBy('accrual.id').execute();
  return withLines(ctx, rows);
}

/** A rep's entries earned in [fromDate, toDate), in date order. */
export async function listEntriesOfRep(ctx: Ctx, repUserId: string, fromDate: string, toDate: string): Promise<CommissionEntry[]> {
  const rows = await commissionsDb(ctx).selectFrom('commission_entries').selectAll().where('rep_user_id', '=', repUserId)
    .where('earned_date', '>=', fromDate).where('earned_date', '<', toDate).orderBy('earned_date').orderBy('created_at').orderBy('id').execute();
  return withLines(ctx, rows);
}

/** Every entry of these orders or bookings (the links view). */
export async function listEntriesOfDeals(ctx: Ctx, refs: { orderIds: readonly string[]; bookingIds: readonly string[] }): Promise<CommissionEntry[]> {
  if (refs.orderIds.length === 0 && refs.bookingIds.length === 0) return [];
  const rows = await commissionsDb(ctx).selectFrom('commission_entries').selectAll()
    .where((eb) => eb.or([
      ...(refs.orderIds.length > 0 ? [eb('order_id', 'in', [...refs.orderIds])] : []),
      ...(refs.bookingIds.length > 0 ? [eb('booking_id', 'in', [...refs.bookingIds])] : []),
    ]))
    .orderBy('created_at').orderBy('id').execute();
  return withLines(ctx, rows);
}
