import { sql } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { opportunityDb } from './repo.ts';
import type { StageHistoryRow } from './tables.ts';

/** The only code touching `opportunity_stage_history`. */
export type NewStageRow = {
  opportunity_id: string;
  stage_key: string;
  entered_at: Date;
  left_at: Date | null;
  amount_minor: bigint;
  currency: string;
  actor_id: string;
};

export async function findStageHistoryRows(ctx: Ctx, opportunityId: string): Promise<StageHistoryRow[]> {
  return opportunityDb(ctx)
    .selectFrom('opportunity_stage_history')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .orderBy('entered_at')
    .orderBy('id')
    .execute();
}

/**
 * A stage change: the current row is closed at `at` and the new stage's row opened at the same
 * instant, so the stays tile time without gaps. Called in the opportunity's write transaction,
 * under its row lock; the opportunity's own audit row records the change of stage.
 *
 * One statement (a stage change is the commonest opportunity write): the insert reads the closing
 * update's count, so the update runs first and the new current row never meets the old one in
 * opportunity_stage_history_one_current. Casts because INSERT … SELECT does not type parameters.
 */
export async function moveStageRow(tx: TxCtx, at: Date, next: Omit<NewStageRow, 'entered_at' | 'left_at'>): Promise<void> {
  const { rows } = await sql<{ closed_count: number }>`
    with closed as (
      update opportunity_stage_history set left_at = ${at}
      where opportunity_id = ${next.opportunity_id} and left_at is null
      returning 1
    ), counted as (select count(*)::int as closed_count from closed)
    insert into opportunity_stage_history (opportunity_id, stage_key, entered_at, left_at, amount_minor, currency, actor_id)
    select ${next.opportunity_id}::text, ${next.stage_key}::text, ${at}::timestamptz, null, ${next.amount_minor}::bigint, ${next.currency}::char(3), ${next.actor_id}::text
    from counted
    returning (select closed_count from counted) as closed_count`.execute(tx.db);
  const closed = rows[0]?.closed_count;
  assert(closed !== undefined && closed <= 1, `opportunity ${next.opportunity_id} had more than one current stage row`);
}

export async function insertStageRows(tx: TxCtx, rows: readonly NewStageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await opportunityDb(tx).insertInto('opportunity_stage_history').values([...rows]).execute();
}

/** Replaces an opportunity's whole history (imports); audited as one entry with both versions. */
export async function replaceStageRows(tx: TxCtx, opportunityId: string, rows: readonly NewStageRow[]): Promise<void> {
  const before = await findStageHistoryRows(tx, opportunityId);
  await opportunityDb(tx).deleteFrom('opportunity_stage_history').where('opportunity_id', '=', opportunityId).execute();
  await insertStageRows(tx, rows);
  const after = await findStageHistoryRows(tx, opportunityId);
  await recordAudit(tx, { action: 'replace_stage_history', entityType: 'opportunity', entityId: opportunityId, before, after });
}
