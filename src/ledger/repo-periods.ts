import { sql, type Selectable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { LedgerPeriod } from './schema.ts';
import { ledgerDb, type LedgerPeriodsTable } from './tables.ts';

// The only code touching ledger_periods; every write here also writes its audit row.

export type LedgerPeriodRow = Selectable<LedgerPeriodsTable>;

export function toLedgerPeriod(row: LedgerPeriodRow): LedgerPeriod {
  return {
    period: row.period,
    status: row.status,
    closedAt: row.closed_at?.toISOString() ?? null,
    closedBy: row.closed_by,
    reason: row.reason,
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Posting takes the month's lock shared, closing takes it exclusive, both until commit: a close
 * waits for postings in flight, and a posting that starts after a close sees it. An advisory lock,
 * because open months have no row to lock. Key: (hash of the name, yyyymm), so months never collide.
 */
export async function lockPeriod(tx: TxCtx, period: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const month = Number(period.replace('-', ''));
  const lock = mode === 'shared' ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
  await sql`select ${lock}(hashtext('revline.ledger.period'), ${month}::integer)`.execute(tx.db);
}

export async function findPeriodRow(ctx: Ctx, period: string): Promise<LedgerPeriodRow | undefined> {
  return ledgerDb(ctx).selectFrom('ledger_periods').selectAll().where('period', '=', period).executeTakeFirst();
}

export async function listPeriodRows(ctx: Ctx): Promise<LedgerPeriodRow[]> {
  return ledgerDb(ctx).selectFrom('ledger_periods').selectAll().orderBy('period', 'desc').execute();
}

/** Closed months from `period` on, for the reversal date rule. */
export async function findClosedPeriodsFrom(ctx: Ctx, period: string): Promise<Set<string>> {
  const rows = await ledgerDb(ctx)
    .selectFrom('ledger_periods')
    .select('period')
    .where('status', '=', 'closed')
    .where('period', '>=', period)
    .execute();
  return new Set(rows.map((row) => row.period));
}

/** Insert or update the month's row (the caller holds the exclusive period lock). */
export async function writePeriodRow(
  tx: TxCtx,
  before: LedgerPeriodRow | undefined,
  after: LedgerPeriodRow,
  action: 'close' | 'reopen',
): Promise<LedgerPeriodRow> {
  const { period, ...changes } = after;
  const written = before
    ? await ledgerDb(tx).updateTable('ledger_periods').set(changes).where('period', '=', period).returningAll().executeTakeFirstOrThrow()
    : await ledgerDb(tx).insertInto('ledger_periods').values(after).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action, entityType: 'ledger_period', entityId: period, before: before ?? null, after: written });
  return written;
}
