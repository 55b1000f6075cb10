import type { Ctx } from '../shared/context.ts';
import { decodeMrrStore, encodeMrrStore, SPAN_RULES_STAMP } from './mrr-store-snapshot.ts';
import type { MrrStore } from './mrr-store.ts';
import { metricsDb, type MetricsDb } from './read-model.ts';

/**
 * The saved MRR store when it was built from exactly `dataVersion` by these span rules, else null
 * (absent, stale, corrupt: the caller rebuilds). The stamps are compared in SQL first, so a stale
 * snapshot's bytes are never read.
 */
export async function restoreMrrStore(db: MetricsDb, dataVersion: string): Promise<MrrStore | null> {
  const row = await db.selectFrom('mrr_store_snapshots').select(['payload', 'sha256'])
    .where('key', '=', 'current').where('data_version', '=', dataVersion).where('rules_stamp', '=', SPAN_RULES_STAMP).executeTakeFirst();
  if (!row) return null;
  const store = await decodeMrrStore(row.payload, row.sha256, dataVersion);
  if (store) store.origin = 'snapshot';
  return store;
}

/**
 * Saves the store as the snapshot (one row, replaced). Not audited: it is a cache derived from
 * audited records, not a record (migration 202612070300). A failure is logged, never raised: the
 * figures do not depend on it.
 */
export async function saveMrrSnapshot(ctx: Ctx, store: MrrStore): Promise<void> {
  try {
    const { payload, sha256 } = await encodeMrrStore(store);
    const row = { data_version: store.dataVersion, rules_stamp: SPAN_RULES_STAMP, sha256, payload, built_at: new Date(ctx.clock.now().epochMilliseconds) };
    await metricsDb(ctx).insertInto('mrr_store_snapshots').values({ key: 'current', ...row })
      .onConflict((conflict) => conflict.column('key').doUpdateSet(row)).execute();
  } catch (error) {
    ctx.log.warn({ err: error }, 'the MRR store snapshot could not be saved; the next start rebuilds the store');
  }
}
