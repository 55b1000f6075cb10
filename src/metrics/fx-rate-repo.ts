import { sql } from 'kysely';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { StoredRate } from './fx-convert.ts';
import { metricsDb } from './read-model.ts';

const CHUNK = 1000;

export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

/**
 * The only code writing fx_rates. A rate already stored with the same text is left alone (no
 * write), so re-importing a file changes nothing; a corrected rate replaces the old one. The
 * caller writes the audit entry in the same transaction.
 */
export async function upsertFxRates(tx: TxCtx, rates: readonly StoredRate[], source: string): Promise<UpsertCounts> {
  const now = new Date(tx.clock.now().epochMilliseconds);
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rates.length; i += CHUNK) {
    const values = rates.slice(i, i + CHUNK).map((rate) => ({
      base: rate.base, quote: rate.quote, rate_date: rate.rateDate, rate: rate.rate, source, created_at: now, updated_at: now,
    }));
    const written = await metricsDb(tx).insertInto('fx_rates').values(values)
      .onConflict((oc) => oc.columns(['base', 'quote', 'rate_date']).doUpdateSet((eb) => ({
        rate: eb.ref('excluded.rate'), source: eb.ref('excluded.source'), updated_at: eb.ref('excluded.updated_at'),
      })).where('fx_rates.rate', '<>', (eb) => eb.ref('excluded.rate')))
      // xmax = 0 marks a row this statement inserted rather than updated (PostgreSQL and PGlite alike).
      .returning(sql<boolean>`(xmax = 0)`.as('inserted')).execute();
    for (const row of written) {
      if (row.inserted) inserted += 1;
      else updated += 1;
    }
  }
  return { inserted, updated, unchanged: rates.length - inserted - updated };
}

/** The last row of the previous page: the list continues after it (keyset paging). */
export type FxRateListAfter = { rateDate: string; base: string; quote: string };
export type FxRateListQuery = {
  base?: string | undefined; quote?: string | undefined; fromDate?: string | undefined; toDate?: string | undefined; limit: number; after?: FxRateListAfter | null;
};
export type FxRate = StoredRate & { source: string };

/** Rates newest first, then by pair; the order is total (the primary key), so keyset pages neither skip nor repeat a rate. */
export async function listFxRates(ctx: Ctx, query: FxRateListQuery): Promise<FxRate[]> {
  let select = metricsDb(ctx).selectFrom('fx_rates').select(['base', 'quote', 'rate_date', 'rate', 'source']);
  if (query.base) select = select.where('base', '=', query.base);
  if (query.quote) select = select.where('quote', '=', query.quote);
  if (query.fromDate) select = select.where('rate_date', '>=', query.fromDate);
  if (query.toDate) select = select.where('rate_date', '<=', query.toDate);
  const after = query.after;
  if (after) {
    // rate_date descending, then base and quote ascending: mixed directions, so no row-value comparison.
    select = select.where((eb) => eb.or([
      eb('rate_date', '<', after.rateDate),
      eb.and([eb('rate_date', '=', after.rateDate), eb.or([eb('base', '>', after.base), eb.and([eb('base', '=', after.base), eb('quote', '>', after.quote)])])]),
    ]));
  }
  const rows = await select.orderBy('rate_date', 'desc').orderBy('base').orderBy('quote').limit(query.limit).execute();
  return rows.map((row) => ({ base: row.base, quote: row.quote, rateDate: row.rate_date, rate: row.rate, source: row.source }));
}
