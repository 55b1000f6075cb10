import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import { getAccount } from '../get-account.ts';
import { ownerScope } from '../owner-scope.ts';
import { getAccountRow } from '../repo.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { adoptionRate } from './adoption-rate.ts';
import { findLatestSeatRow, findSeatRows, writeSeatRows, type SeatRow } from './repo-seats.ts';
import { seatsQuerySchema, seatSnapshotSchema, type Adoption, type SeatSnapshotInput, type SeatsQuery, type UpsertResult } from './schema.ts';

function toAdoption(row: SeatRow): Adoption {
  return {
    accountId: row.account_id,
    asOfDate: row.as_of_date,
    licensedSeats: row.licensed_seats,
    activeUsers: row.active_users,
    adoptionRate: adoptionRate(row.active_users, row.licensed_seats),
  };
}

/** Seat snapshots of a visible account, oldest first, each with its adoption rate. */
export async function listAdoption(ctx: Ctx, request: { accountId: string } & SeatsQuery): Promise<Adoption[]> {
  const { accountId, ...rest } = request;
  const range = parseInput(seatsQuerySchema, rest, 'querystring');
  await getAccount(ctx, accountId);
  return (await findSeatRows(ctx, accountId, range)).map(toAdoption);
}

/** The snapshot in force on `asOfDate` (the latest on or before it); null when there is none. For Customer 360. */
export async function getAdoption(ctx: Ctx, accountId: string, asOfDate: string): Promise<Adoption | null> {
  await getAccount(ctx, accountId);
  const row = await findLatestSeatRow(ctx, accountId, asOfDate);
  return row ? toAdoption(row) : null;
}

/** Insert or replace snapshots per (account, date); identical values write nothing, like upsertUsage. */
export async function upsertSeats(ctx: Ctx, accountId: string, snapshots: SeatSnapshotInput[]): Promise<UpsertResult> {
  const parsed = parseInput(seatSnapshotSchema.array().min(1).max(5000), snapshots, 'body.snapshots');
  assertDistinctDates(parsed.map((s) => s.asOfDate));
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    // 404 like a read; share-locked so a concurrent delete of the account waits.
    await getAccountRow(tx, scope, accountId, 'share');
    const stored = new Map((await findSeatRows(tx, accountId, {}, 'update')).map((row) => [row.as_of_date, row]));
    const rows = parsed.map((s) => ({ account_id: accountId, as_of_date: s.asOfDate, licensed_seats: s.licensedSeats, active_users: s.activeUsers }));
    const changed = rows.filter((row) => {
      const old = stored.get(row.as_of_date);
      return !old || old.licensed_seats !== row.licensed_seats || old.active_users !== row.active_users;
    });
    const before = changed.flatMap((row) => stored.get(row.as_of_date) ?? []);
    await writeSeatRows(tx, accountId, changed, before);
    const inserted = changed.filter((row) => !stored.has(row.as_of_date)).length;
    return { inserted, updated: changed.length - inserted, unchanged: rows.length - changed.length };
  });
}

function assertDistinctDates(dates: string[]): void {
  const errors: FieldError[] = dates.flatMap((date, i) => (dates.indexOf(date) < i ? [{ field: `body.snapshots.${i}.asOfDate`, message: `repeats snapshot ${dates.indexOf(date)}` }] : []));
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
}
