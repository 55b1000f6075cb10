import { sql, type Insertable } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { AppError, assert } from '../../shared/errors.ts';
import { withConstraintErrors } from '../contacts/record-writes.ts';
import { forgetInTransaction, memoInTransaction } from '../tx-memo.ts';
import { leadsDb } from './repo.ts';
import type { LeadStatusesTable, LeadStatusRow } from './schema.ts';
import type { LeadStatus } from './status-schema.ts';

/** The only module that writes `lead_statuses`; every write also writes its audit row. */

export function toLeadStatus(row: LeadStatusRow): LeadStatus {
  return {
    key: row.key,
    label: row.label,
    stage: row.stage,
    sortOrder: row.sort_order,
    isDefault: row.is_default,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function findLeadStatusRows(ctx: Ctx): Promise<LeadStatusRow[]> {
  return leadsDb(ctx).selectFrom('lead_statuses').selectAll().orderBy('sort_order').orderBy('key').execute();
}

const STATUSES_MEMO = 'crm.lead_statuses';

/** Every status, read once per transaction (each lead write consults them); see tx-memo.ts. */
function memoLeadStatusRows(ctx: Ctx): Promise<LeadStatusRow[]> {
  return memoInTransaction(ctx, STATUSES_MEMO, () => findLeadStatusRows(ctx));
}

export async function findLeadStatusRow(ctx: Ctx, key: string, lock?: 'update') {
  if (lock === 'update') return leadsDb(ctx).selectFrom('lead_statuses').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
  return (await memoLeadStatusRows(ctx)).find((row) => row.key === key);
}

/** lead_statuses_one_default keeps this to one row. */
export async function findDefaultLeadStatusRow(ctx: Ctx) {
  return (await memoLeadStatusRows(ctx)).find((row) => row.is_default);
}

/** The status conversion assigns: the first converted-stage status in the configured order (sort_order, key). */
export async function findConvertedLeadStatusRow(ctx: Ctx) {
  return (await memoLeadStatusRows(ctx)).find((row) => row.stage === 'converted');
}

/** Status writes are rare; one lock keeps "exactly one default" simple under concurrency. */
export async function lockLeadStatuses(tx: TxCtx): Promise<void> {
  // Whoever takes the lock is about to write: read what the last writer committed, not the memo.
  forgetInTransaction(tx, STATUSES_MEMO);
  await sql`select pg_advisory_xact_lock(hashtext('revline.lead_statuses'))`.execute(tx.db);
}

type NewStatusRow = Omit<Insertable<LeadStatusesTable>, 'version'> & { created_at: Date; updated_at: Date };

export async function insertLeadStatus(tx: TxCtx, row: NewStatusRow): Promise<LeadStatusRow> {
  const inserted = await withConstraintErrors(
    leadsDb(tx).insertInto('lead_statuses').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow(),
    {
      lead_statuses_pkey: () =>
        new AppError('conflict', `A lead status with key ${row.key} already exists`, {
          fieldErrors: [{ field: 'body.key', message: 'already exists' }],
        }),
    },
  );
  forgetInTransaction(tx, STATUSES_MEMO);
  await recordAudit(tx, { action: 'create', entityType: 'lead_status', entityId: row.key, before: null, after: inserted });
  return inserted;
}

export async function updateLeadStatusRow(
  tx: TxCtx,
  before: LeadStatusRow,
  changes: { label?: string; sort_order?: number; is_default?: boolean; updated_at: Date },
): Promise<LeadStatusRow> {
  const after = await leadsDb(tx)
    .updateTable('lead_statuses')
    .set({ ...changes, version: before.version + 1 })
    .where('key', '=', before.key)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  assert(after, `lead status ${before.key} changed under a row lock`);
  forgetInTransaction(tx, STATUSES_MEMO);
  await recordAudit(tx, { action: 'update', entityType: 'lead_status', entityId: before.key, before, after });
  return after;
}
