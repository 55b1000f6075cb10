import type { Selectable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { AppError, assert, notFound } from '../shared/errors.ts';
import { commissionsDb, nowOf } from './commissions-db.ts';
import type { CommissionPlan, Rate } from './schema.ts';
import type { CommissionPlansTable } from './tables.ts';

// The only code writing commission_plans and commission_plan_reps; every write is audited.

type PlanRow = Selectable<CommissionPlansTable>;
export type PlanColumns = { name: string; effectiveFromDate: string; effectiveToDate: string | null; clawbackDays: number; rates: Rate[] };

async function repsOf(ctx: Ctx, planIds: readonly string[]): Promise<Map<string, string[]>> {
  const reps = new Map<string, string[]>();
  if (planIds.length === 0) return reps;
  const rows = await commissionsDb(ctx).selectFrom('commission_plan_reps').selectAll().where('plan_id', 'in', planIds).orderBy('rep_user_id').execute();
  for (const row of rows) reps.set(row.plan_id, [...(reps.get(row.plan_id) ?? []), row.rep_user_id]);
  return reps;
}

function toPlan(row: PlanRow, repUserIds: string[]): CommissionPlan {
  return {
    id: row.id,
    name: row.name,
    effectiveFromDate: row.effective_from_date,
    effectiveToDate: row.effective_to_date,
    clawbackDays: row.clawback_days,
    rates: row.rates as Rate[],
    repUserIds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

async function loadPlans(ctx: Ctx, rows: readonly PlanRow[]): Promise<CommissionPlan[]> {
  const reps = await repsOf(ctx, rows.map((row) => row.id));
  return rows.map((row) => toPlan(row, reps.get(row.id) ?? []));
}

export async function findPlan(ctx: Ctx, id: string, lock = false): Promise<CommissionPlan | undefined> {
  const query = commissionsDb(ctx).selectFrom('commission_plans').selectAll().where('id', '=', id);
  const row = lock ? await query.forUpdate().executeTakeFirst() : await query.executeTakeFirst();
  return row ? (await loadPlans(ctx, [row]))[0] : undefined;
}

export async function getPlan(ctx: Ctx, id: string, lock = false): Promise<CommissionPlan> {
  const plan = await findPlan(ctx, id, lock);
  if (!plan) throw notFound('commission plan', id);
  return plan;
}

export async function listPlans(ctx: Ctx): Promise<CommissionPlan[]> {
  return loadPlans(ctx, await commissionsDb(ctx).selectFrom('commission_plans').selectAll().orderBy('effective_from_date').orderBy('id').execute());
}

/** The plan a rep is paid under on a day (writes keep a rep's plans from overlapping). */
export async function findPlanOfRep(ctx: Ctx, repUserId: string, date: string): Promise<CommissionPlan | undefined> {
  const row = await commissionsDb(ctx).selectFrom('commission_plans').selectAll('commission_plans')
    .innerJoin('commission_plan_reps', 'commission_plan_reps.plan_id', 'commission_plans.id')
    .where('commission_plan_reps.rep_user_id', '=', repUserId)
    .where('commission_plans.effective_from_date', '<=', date)
    .where((eb) => eb.or([eb('commission_plans.effective_to_date', 'is', null), eb('commission_plans.effective_to_date', '>', date)]))
    .orderBy('commission_plans.effective_from_date', 'desc').executeTakeFirst();
  return row ? (await loadPlans(ctx, [row]))[0] : undefined;
}

/**
 * Locks the reps' user rows (so two plan writes for one rep run one after the other), checks they
 * exist, and refuses a plan that would overlap another plan of the same rep: on any day a rep is
 * paid under one plan, or commission would depend on which plan a query found first.
 */
export async function assertRepsAssignable(tx: TxCtx, repUserIds: readonly string[], from: string, to: string | null, planId: string | null): Promise<void> {
  if (repUserIds.length === 0) return;
  const db = commissionsDb(tx);
  const users = await db.selectFrom('users').select('id').where('id', 'in', [...repUserIds]).orderBy('id').forUpdate().execute();
  const known = new Set(users.map((user) => user.id));
  const missing = repUserIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `No user ${missing.join(', ')}`, {
      fieldErrors: missing.map((id) => ({ field: `body.repUserIds.${repUserIds.indexOf(id)}`, message: `no user ${id}` })),
    });
  }
  let query = db.selectFrom('commission_plans').innerJoin('commission_plan_reps', 'commission_plan_reps.plan_id', 'commission_plans.id')
    .select(['commission_plans.id', 'commission_plans.name', 'commission_plan_reps.rep_user_id'])
    .where('commission_plan_reps.rep_user_id', 'in', [...repUserIds])
    .where((eb) => eb.or([eb('commission_plans.effective_to_date', 'is', null), eb('commission_plans.effective_to_date', '>', from)]));
  if (to !== null) query = query.where('commission_plans.effective_from_date', '<', to);
  if (planId !== null) query = query.where('commission_plans.id', '<>', planId);
  const clash = await query.executeTakeFirst();
  if (clash) {
    throw new AppError('conflict', `Rep ${clash.rep_user_id} is already on plan ${clash.id} (${clash.name}) for part of these dates`, {
      fieldErrors: [{ field: `body.repUserIds.${repUserIds.indexOf(clash.rep_user_id)}`, message: `already on plan ${clash.id} for overlapping dates` }],
    });
  }
}

async function replaceReps(tx: TxCtx, planId: string, repUserIds: readonly string[]): Promise<void> {
  const db = commissionsDb(tx);
  await db.deleteFrom('commission_plan_reps').where('plan_id', '=', planId).execute();
  if (repUserIds.length > 0) await db.insertInto('commission_plan_reps').values(repUserIds.map((rep) => ({ plan_id: planId, rep_user_id: rep }))).execute();
}

export async function insertPlan(tx: TxCtx, id: string, columns: PlanColumns, repUserIds: readonly string[]): Promise<CommissionPlan> {
  const now = nowOf(tx);
  await commissionsDb(tx).insertInto('commission_plans').values({
    id, name: columns.name, effective_from_date: columns.effectiveFromDate, effective_to_date: columns.effectiveToDate,
    clawback_days: columns.clawbackDays, rates: JSON.stringify(columns.rates), created_at: now, updated_at: now, version: 1,
  }).execute();
  await replaceReps(tx, id, repUserIds);
  const after = await getPlan(tx, id);
  await recordAudit(tx, { action: 'create', entityType: 'commission_plan', entityId: id, before: null, after });
  return after;
}

/** Compare-and-set on version under the row lock the caller took. */
export async function updatePlan(tx: TxCtx, before: CommissionPlan, columns: PlanColumns, repUserIds: readonly string[]): Promise<CommissionPlan> {
  const updated = await commissionsDb(tx).updateTable('commission_plans').set({
    name: columns.name, effective_from_date: columns.effectiveFromDate, effective_to_date: columns.effectiveToDate,
    clawback_days: columns.clawbackDays, rates: JSON.stringify(columns.rates), updated_at: nowOf(tx), version: before.version + 1,
  }).where('id', '=', before.id).where('version', '=', before.version).executeTakeFirst();
  assert(updated.numUpdatedRows === 1n, `commission plan ${before.id} changed under its row lock`);
  await replaceReps(tx, before.id, repUserIds);
  const after = await getPlan(tx, before.id);
  await recordAudit(tx, { action: 'update', entityType: 'commission_plan', entityId: before.id, before, after });
  return after;
}

export async function deletePlanRow(tx: TxCtx, before: CommissionPlan): Promise<void> {
  await commissionsDb(tx).deleteFrom('commission_plans').where('id', '=', before.id).execute();
  await recordAudit(tx, { action: 'delete', entityType: 'commission_plan', entityId: before.id, before, after: null });
}

export async function planHasEntries(ctx: Ctx, planId: string): Promise<boolean> {
  const row = await commissionsDb(ctx).selectFrom('commission_entries').select('id').where('plan_id', '=', planId).limit(1).executeTakeFirst();
  return row !== undefined;
}
