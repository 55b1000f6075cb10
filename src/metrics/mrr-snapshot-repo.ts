import type { Ctx } from '../shared/context.ts';
import { decodeMrrStore, encodeMrrStore, SPAN_RULES_STAMP } from './mrr-store-snapshot.ts';
import type { MrrStore } from './mrr-store.ts';
import { metricsDb, type MetricsDb } from './read-model.ts';

/**
 * The saved MRR store when it was built by these span rules, else null (absent, corrupt, other
 * rules: the caller rebuilds); its dataVersion says what it was built from, which may be older
 * than the data (the caller then refreshes it, refresh-mrr-store.ts), unless `onlyDataVersion` asks
 * for that version only. The stamps are compared in SQL first, so the bytes of a snapshot that
 * would not be used are never read.
 */
export async function restoreMrrStore(db: MetricsDb, onlyDataVersion: string | null = null): Promise<MrrStore | null> {
  let query = db.selectFrom('mrr_store_snapshots').select(['payload', 'sha256', 'data_version']).where('key', '=', 'current').where('rules_stamp', '=', SPAN_RULES_STAMP);
  if (onlyDataVersion !== null) query = query.where('data_version', '=', onlyDataVersion);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const store = await decodeMrrStore(row.payload, row.sha256, row.data_version);
  if (store) store.origin = 'snapshot';
  return store;
}

/**
 * When a refreshed store is saved (docs/metrics.md "How it is computed"): saving costs seconds at
 * a million versions, so not after every small change — only when the saved snapshot is older
 * than SNAPSHOT_RULE.everyMs, or when the data moved on by at least SNAPSHOT_RULE.versions since it
 * (subscriptions added plus version bumps: a bound on what a restart would have to refresh), or
 * when there is none of these rules.
 */
export const SNAPSHOT_RULE = { everyMs: 10 * 60_000, versions: 500 };

export async function isSnapshotDue(ctx: Ctx, dataVersion: string): Promise<boolean> {
  const row = await metricsDb(ctx).selectFrom('mrr_store_snapshots').select(['data_version', 'built_at'])
    .where('key', '=', 'current').where('rules_stamp', '=', SPAN_RULES_STAMP).executeTakeFirst();
  if (!row) return true;
  if (ctx.clock.now().epochMilliseconds - new Date(row.built_at).getTime() >= SNAPSHOT_RULE.everyMs) return true;
  const moved = (version: string) => {
    const [count = '0', sum = '0'] = version.split(':');
    return /^[0-9]+$/.test(count) && /^[0-9]+$/.test(sum) ? BigInt(count) + BigInt(sum) : null;
  };
  const saved = moved(row.data_version);
  const current = moved(dataVersion);
  return saved === null || current === null || current - saved >= BigInt(SNAPSHOT_RULE.versions);
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
