import type { Selectable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { AppError, assert } from '../shared/errors.ts';
import type { LedgerAccount } from './schema.ts';
import { ledgerDb, type LedgerAccountsTable } from './tables.ts';

// The only code touching ledger_accounts; every write here also writes its audit row.

export type LedgerAccountRow = Selectable<LedgerAccountsTable>;

export function toLedgerAccount(row: LedgerAccountRow): LedgerAccount {
  return {
    code: row.code,
    name: row.name,
    type: row.type,
    normalSide: row.normal_side,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findAccountRow(ctx: Ctx, code: string): Promise<LedgerAccountRow | undefined> {
  return ledgerDb(ctx).selectFrom('ledger_accounts').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findAccountRows(ctx: Ctx, codes: readonly string[]): Promise<LedgerAccountRow[]> {
  if (codes.length === 0) return [];
  return ledgerDb(ctx).selectFrom('ledger_accounts').selectAll().where('code', 'in', [...new Set(codes)]).execute();
}

export async function listAccountRows(ctx: Ctx): Promise<LedgerAccountRow[]> {
  return ledgerDb(ctx).selectFrom('ledger_accounts').selectAll().orderBy('code').execute();
}

export async function insertAccountRow(tx: TxCtx, row: LedgerAccountRow): Promise<LedgerAccountRow> {
  try {
    const inserted = await ledgerDb(tx).insertInto('ledger_accounts').values(row).returningAll().executeTakeFirstOrThrow();
    await recordAudit(tx, { action: 'create', entityType: 'ledger_account', entityId: row.code, before: null, after: inserted });
    return inserted;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === '23505') {
      throw new AppError('conflict', `Ledger account ${row.code} already exists`, {
        fieldErrors: [{ field: 'body.code', message: 'already used by another ledger account' }],
        cause: error,
      });
    }
    throw error;
  }
}

/** The caller read `before` under a row lock ('update'). */
export async function updateAccountActive(tx: TxCtx, before: LedgerAccountRow, active: boolean, now: Date): Promise<LedgerAccountRow> {
  const after = await ledgerDb(tx)
    .updateTable('ledger_accounts')
    .set({ active, updated_at: now })
    .where('code', '=', before.code)
    .returningAll()
    .executeTakeFirst();
  assert(after, `ledger account ${before.code} vanished under a row lock`);
  await recordAudit(tx, { action: active ? 'activate' : 'deactivate', entityType: 'ledger_account', entityId: before.code, before, after });
  return after;
}

export async function lockAccountRow(tx: TxCtx, code: string): Promise<LedgerAccountRow | undefined> {
  return ledgerDb(tx).selectFrom('ledger_accounts').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}
