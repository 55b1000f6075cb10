import { sql } from 'kysely';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { UpsertCounts } from './fx-rate-repo.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';

export type SalesTarget = { monthDate: string; breakdown: '' | 'segment' | 'country' | 'industry'; breakdownValue: string; currency: string; amountMinor: bigint };
export type SpendLine = { spendDate: string; kind: 'sales' | 'marketing'; category: string; campaignId: string | null; currency: string; amountMinor: bigint };

const CHUNK = 1000;
const count = (rows: ReadonlyArray<{ inserted: boolean }>, total: number): UpsertCounts => {
  const inserted = rows.filter((row) => row.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: total - rows.length };
};

/** The only code writing sales_targets: an unchanged amount is not rewritten. The caller audits. */
export async function upsertSalesTargets(tx: TxCtx, targets: readonly SalesTarget[], source: string): Promise<UpsertCounts> {
  const now = new Date(tx.clock.now().epochMilliseconds);
  const written: Array<{ inserted: boolean }> = [];
  for (let i = 0; i < targets.length; i += CHUNK) {
    const values = targets.slice(i, i + CHUNK).map((t) => ({
      month_date: t.monthDate, breakdown: t.breakdown, breakdown_value: t.breakdownValue, currency: t.currency, amount_minor: t.amountMinor, source, created_at: now, updated_at: now,
    }));
    written.push(...await metricsDb(tx).insertInto('sales_targets').values(values)
      .onConflict((oc) => oc.columns(['month_date', 'breakdown', 'breakdown_value', 'currency']).doUpdateSet((eb) => ({
        amount_minor: eb.ref('excluded.amount_minor'), source: eb.ref('excluded.source'), updated_at: eb.ref('excluded.updated_at'),
      })).where('sales_targets.amount_minor', '<>', (eb) => eb.ref('excluded.amount_minor')))
      // xmax = 0 marks a row this statement inserted rather than updated (PostgreSQL and PGlite alike).
      .returning(sql<boolean>`(xmax = 0)`.as('inserted')).execute());
  }
  return count(written, targets.length);
}

/** The only code writing marketing_spend: an unchanged amount is not rewritten. The caller audits. */
export async function upsertSpendLines(tx: TxCtx, lines: readonly SpendLine[], source: string): Promise<UpsertCounts> {
  const now = new Date(tx.clock.now().epochMilliseconds);
  const written: Array<{ inserted: boolean }> = [];
  for (let i = 0; i < lines.length; i += CHUNK) {
    const values = lines.slice(i, i + CHUNK).map((l) => ({
      spend_date: l.spendDate, kind: l.kind, category: l.category, campaign_id: l.campaignId, currency: l.currency, amount_minor: l.amountMinor, source, created_at: now, updated_at: now,
    }));
    written.push(...await metricsDb(tx).insertInto('marketing_spend').values(values)
      .onConflict((oc) => oc.columns(['spend_date', 'line_key', 'currency']).doUpdateSet((eb) => ({
        amount_minor: eb.ref('excluded.amount_minor'), source: eb.ref('excluded.source'), updated_at: eb.ref('excluded.updated_at'),
      })).where('marketing_spend.amount_minor', '<>', (eb) => eb.ref('excluded.amount_minor')))
      .returning(sql<boolean>`(xmax = 0)`.as('inserted')).execute());
  }
  return count(written, lines.length);
}

/** Monthly targets of the months [fromDate, toDate] for one breakdown ('' = company-wide). */
export async function findSalesTargets(ctx: Ctx, fromDate: string, toDate: string, breakdown: SalesTarget['breakdown'], asOf: Date | null = null): Promise<SalesTarget[]> {
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('sales_targets', asOf).as('t')).selectAll().where('month_date', '>=', fromDate).where('month_date', '<=', toDate)
    .where('breakdown', '=', breakdown).orderBy('month_date').orderBy('breakdown_value').orderBy('currency').execute();
  return rows.map((r) => ({ monthDate: r.month_date, breakdown: r.breakdown, breakdownValue: r.breakdown_value, currency: r.currency, amountMinor: BigInt(r.amount_minor) }));
}

/** Spend lines dated in [fromDate, toDate]; with asOf, as they stood then (docs/metrics.md "As of"). */
export async function findSpendLines(ctx: Ctx, fromDate: string, toDate: string, asOf: Date | null = null): Promise<SpendLine[]> {
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('marketing_spend', asOf).as('m')).selectAll().where('spend_date', '>=', fromDate).where('spend_date', '<=', toDate)
    .orderBy('spend_date').orderBy('line_key').orderBy('currency').execute();
  return rows.map((r) => ({ spendDate: r.spend_date, kind: r.kind, category: r.category, campaignId: r.campaign_id, currency: r.currency, amountMinor: BigInt(r.amount_minor) }));
}

/** Campaign ids that have spend lines: their campaign's actual cost is not counted again. */
export async function findCampaignsWithSpend(ctx: Ctx, asOf: Date | null = null): Promise<Set<string>> {
  const rows = await metricsDb(ctx).selectFrom(tableAsOf('marketing_spend', asOf).as('m')).select('campaign_id').distinct().where('campaign_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.campaign_id ?? ''));
}
