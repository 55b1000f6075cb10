import { sql } from 'kysely';
import type { ContactTables } from '../../crm/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf, paymentsDb, type DunningStageRow, type Language, type NoticeChannel } from '../tables.ts';

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

export async function listHeldAccountIds(ctx: Ctx): Promise<string[]> {
  return (await paymentsDb(ctx).selectFrom('account_holds').select('account_id').where('released_at', 'is', null).orderBy('account_id').execute()).map((row) => row.account_id);
}

export async function placeHold(tx: TxCtx, accountId: string, reason: string, placedDate: string): Promise<boolean> {
  const row = await paymentsDb(tx).insertInto('account_holds').values({
    id: newId('hold', tx.clock.now().epochMilliseconds), account_id: accountId, reason, placed_date: placedDate, placed_at: nowOf(tx), released_at: null, release_reason: null,
  }).onConflict((oc) => oc.column('account_id').where('released_at', 'is', null).doNothing()).returningAll().executeTakeFirst();
  if (row) await recordAudit(tx, { action: 'hold.place', entityType: 'account', entityId: accountId, before: null, after: row });
  return row !== undefined;
}

export async function releaseHold(tx: TxCtx, accountId: string, reason: string): Promise<boolean> {
  const before = await findOpenHold(tx, accountId);
  if (!before) return false;
  const after = await paymentsDb(tx).updateTable('account_holds').set({ released_at: nowOf(tx), release_reason: reason })
    .where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
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
