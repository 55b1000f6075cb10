import { sql } from 'kysely';
import type { ContactTables } from '../../crm/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf, paymentsDb, type AccountHoldRow, type DunningStageRow, type HoldOrigin, type Language, type NoticeChannel } from '../tables.ts';

// The only code writing dunning_stages, dunning_notices, account_holds, collection_settings.

export async function listStageRows(ctx: Ctx): Promise<DunningStageRow[]> {
  return paymentsDb(ctx).selectFrom('dunning_stages').selectAll().orderBy('position').execute();
}

export async function replaceStageRows(tx: TxCtx, stages: ReadonlyArray<Omit<DunningStageRow, 'created_at' | 'updated_at'>>): Promise<DunningStageRow[]> {
  const before = await listStageRows(tx);
  const db = paymentsDb(tx);
  const now = nowOf(tx);
  // Stages already used by notices stay (deactivated) so the history keeps its meaning.
  await db.updateTable('dunning_stages').set({ active: false, position: sql<number>`position + 100000`, updated_at: now }).execute();
  for (const stage of stages) {
    await db.insertInto('dunning_stages').values({ ...stage, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('code').doUpdateSet({ ...stage, updated_at: now })).execute();
  }
  await db.deleteFrom('dunning_stages').where('active', '=', false)
    .where('code', 'not in', db.selectFrom('dunning_notices').select('stage_code')).execute();
  const after = await listStageRows(tx);
  await recordAudit(tx, { action: 'replace', entityType: 'dunning_stages', entityId: 'dunning_stages', before, after });
  return after;
}

export type NoticeRow = {
  invoiceId: string; stageCode: string; accountId: string; runDate: string; channel: NoticeChannel;
  recipient: string | null; subject: string | null; language: Language; location: string | null;
};

/** Claims (invoice, stage): false when a notice exists already — the job's idempotency. */
export async function claimNotice(tx: TxCtx, notice: NoticeRow): Promise<boolean> {
  const inserted = await paymentsDb(tx).insertInto('dunning_notices').values({
    invoice_id: notice.invoiceId, stage_code: notice.stageCode, account_id: notice.accountId, run_date: notice.runDate, channel: notice.channel,
    recipient: notice.recipient, subject: notice.subject, language: notice.language, location: notice.location, created_at: nowOf(tx),
  }).onConflict((oc) => oc.columns(['invoice_id', 'stage_code']).doNothing()).returning('invoice_id').executeTakeFirst();
  if (inserted) await recordAudit(tx, { action: 'dunning.notice', entityType: 'invoice', entityId: notice.invoiceId, before: null, after: notice });
  return inserted !== undefined;
}

/** After the send: how and where the notice went (SMTP host or .eml file). */
export async function recordNoticeDelivery(tx: TxCtx, invoiceId: string, stageCode: string, channel: NoticeChannel, location: string): Promise<void> {
  await paymentsDb(tx).updateTable('dunning_notices').set({ channel, location }).where('invoice_id', '=', invoiceId).where('stage_code', '=', stageCode).execute();
}

export async function noticesOf(ctx: Ctx, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return paymentsDb(ctx).selectFrom('dunning_notices').selectAll().where('invoice_id', 'in', [...invoiceIds]).orderBy('run_date').orderBy('created_at').execute();
}

export async function findOpenHold(ctx: Ctx, accountId: string) {
  return paymentsDb(ctx).selectFrom('account_holds').selectAll().where('account_id', '=', accountId).where('released_at', 'is', null).executeTakeFirst();
}

/** Accounts with an open hold of that origin. */
export async function listHeldAccountIds(ctx: Ctx, origin: HoldOrigin): Promise<string[]> {
  return (await paymentsDb(ctx).selectFrom('account_holds').select('account_id').where('released_at', 'is', null).where('origin', '=', origin)
    .orderBy('account_id').execute()).map((row) => row.account_id);
}

/** Puts the account on hold unless it already is (one open hold per account): the hold this placed, if it did. */
export async function placeHold(tx: TxCtx, accountId: string, reason: string, placedDate: string, origin: HoldOrigin = 'dunning'): Promise<AccountHoldRow | undefined> {
  const row = await paymentsDb(tx).insertInto('account_holds').values({
    id: newId('hold', tx.clock.now().epochMilliseconds), account_id: accountId, reason, placed_date: placedDate, placed_at: nowOf(tx), released_at: null, release_reason: null, origin,
  }).onConflict((oc) => oc.column('account_id').where('released_at', 'is', null).doNothing()).returningAll().executeTakeFirst();
  if (row) await recordAudit(tx, { action: 'hold.place', entityType: 'account', entityId: accountId, before: null, after: row });
  return row;
}

/** Finance takes over dunning's open hold: it now stays until released by hand, for the reason given. */
export async function takeOverHold(tx: TxCtx, before: AccountHoldRow, reason: string): Promise<AccountHoldRow> {
  const after = await paymentsDb(tx).updateTable('account_holds').set({ origin: 'manual', reason })
    .where('id', '=', before.id).where('released_at', 'is', null).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'hold.take_over', entityType: 'account', entityId: before.account_id, before, after });
  return after;
}

/**
 * Lifts the account's open hold (of that origin only, when given): whether it did. The update checks
 * again, so a hold taken over by hand meanwhile is not lifted by the dunning run.
 */
export async function releaseHold(tx: TxCtx, accountId: string, reason: string, origin?: HoldOrigin): Promise<boolean> {
  const before = await findOpenHold(tx, accountId);
  if (!before || (origin !== undefined && before.origin !== origin)) return false;
  let update = paymentsDb(tx).updateTable('account_holds').set({ released_at: nowOf(tx), release_reason: reason })
    .where('id', '=', before.id).where('released_at', 'is', null);
  if (origin !== undefined) update = update.where('origin', '=', origin);
  const after = await update.returningAll().executeTakeFirst();
  if (!after) return false;
  await recordAudit(tx, { action: 'hold.release', entityType: 'account', entityId: accountId, before, after });
  return true;
}

export async function findCollectionSettings(ctx: Ctx, accountId: string) {
  return paymentsDb(ctx).selectFrom('collection_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function upsertCollectionSettings(tx: TxCtx, accountId: string, values: { billingEmail: string | null; language: Language }) {
  const before = await findCollectionSettings(tx, accountId);
  const after = await paymentsDb(tx).insertInto('collection_settings')
    .values({ account_id: accountId, billing_email: values.billingEmail, language: values.language, updated_at: nowOf(tx) })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ billing_email: values.billingEmail, language: values.language, updated_at: nowOf(tx) }))
    .returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: before ? 'update' : 'create', entityType: 'collection_settings', entityId: accountId, before: before ?? null, after });
  return after;
}

/** The first contact of the account with an e-mail address, oldest first (crm's contacts, read only). */
export async function findContactEmail(ctx: Ctx, accountId: string): Promise<string | null> {
  const row = await ctx.db.withTables<ContactTables>()
    .selectFrom('contacts').select('email').where('account_id', '=', accountId).where('email', 'is not', null).where('deleted_at', 'is', null)
    .orderBy('created_at').orderBy('id').executeTakeFirst();
  return row?.email ?? null;
}
