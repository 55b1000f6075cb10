import { recordAudit, type AuditEntityType } from '../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import type { UpsertCounts } from './fx-rate-repo.ts';
import type { RejectedCell } from './import-fx-rates.ts';
import { cellReader, readCsvRecords } from './plan-csv.ts';
import { upsertSalesTargets, upsertSpendLines, type SalesTarget, type SpendLine } from './plan-repo.ts';

export type PlanImportResult = UpsertCounts & { source: string; rows: number; rejected: RejectedCell[] };

const BREAKDOWNS = ['segment', 'country', 'industry'] as const;

/**
 * Imports monthly sales targets: `month,amount,currency` and optionally `breakdown,breakdown_value`
 * (a target for one segment, country or industry; empty = company-wide). Amounts are decimal text
 * parsed exactly by the currency's exponent. Bad rows are reported and skipped; the rest are written
 * in one audited transaction; re-importing the same file writes nothing.
 */
export async function importSalesTargetsCsv(ctx: Ctx, csv: string, options: { source?: string } = {}): Promise<PlanImportResult> {
  const rejected: RejectedCell[] = [];
  const targets: SalesTarget[] = [];
  for (const { line, cells } of readCsvRecords(csv, ['month', 'amount', 'currency'], ['breakdown', 'breakdown_value'])) {
    const read = cellReader(line, rejected);
    const before = rejected.length;
    const month = /^\d{4}-\d{2}$/.test(cells['month'] ?? '') ? read.date('month', cells['month'] ?? '') : void rejected.push({ line, column: 'month', message: `not a month (YYYY-MM): ${JSON.stringify(cells['month'])}` });
    const currency = read.currency('currency', cells['currency'] ?? '');
    const amount = currency === undefined ? undefined : read.amount('amount', cells['amount'] ?? '', currency);
    const breakdownText = cells['breakdown'] ?? '';
    const breakdown = breakdownText === '' ? '' : read.oneOf('breakdown', breakdownText, BREAKDOWNS);
    const breakdownValue = cells['breakdown_value'] ?? '';
    if ((breakdown === '') !== (breakdownValue === '')) rejected.push({ line, column: 'breakdown_value', message: 'give both breakdown and breakdown_value, or neither' });
    if (rejected.length > before || month === undefined || currency === undefined || amount === undefined || breakdown === undefined) continue;
    targets.push({ monthDate: month, breakdown, breakdownValue, currency, amountMinor: amount });
  }
  return writeAudited(ctx, 'sales_targets', options.source ?? 'csv', targets.length, rejected, (tx, source) => upsertSalesTargets(tx, targets, source));
}

/**
 * Imports sales and marketing spend: `date,kind,category,amount,currency` and optionally
 * `campaign_id`. date is YYYY-MM-DD, or YYYY-MM for a month's total (dated its first day); kind is
 * sales or marketing. Same rules as the targets import.
 */
export async function importSpendCsv(ctx: Ctx, csv: string, options: { source?: string } = {}): Promise<PlanImportResult> {
  const rejected: RejectedCell[] = [];
  const lines: SpendLine[] = [];
  for (const { line, cells } of readCsvRecords(csv, ['date', 'kind', 'category', 'amount', 'currency'], ['campaign_id'])) {
    const read = cellReader(line, rejected);
    const before = rejected.length;
    const spendDate = read.date('date', cells['date'] ?? '');
    const kind = read.oneOf('kind', cells['kind'] ?? '', ['sales', 'marketing'] as const);
    const category = read.text('category', cells['category'] ?? '', 100);
    const currency = read.currency('currency', cells['currency'] ?? '');
    const amount = currency === undefined ? undefined : read.amount('amount', cells['amount'] ?? '', currency);
    const campaignText = cells['campaign_id'] ?? '';
    const campaignId = campaignText === '' ? null : read.text('campaign_id', campaignText, 100);
    if (rejected.length > before || !spendDate || !kind || !category || !currency || amount === undefined || campaignId === undefined) continue;
    lines.push({ spendDate, kind, category, campaignId, currency, amountMinor: amount });
  }
  return writeAudited(ctx, 'marketing_spend', options.source ?? 'csv', lines.length, rejected, (tx, source) => upsertSpendLines(tx, lines, source));
}

async function writeAudited(
  ctx: Ctx, entityType: AuditEntityType, source: string, rows: number, rejected: RejectedCell[], write: (tx: TxCtx, source: string) => Promise<UpsertCounts>,
): Promise<PlanImportResult> {
  const counts = await inTransaction(ctx, async (tx) => {
    const written = await write(tx, source);
    if (written.inserted + written.updated > 0) {
      await recordAudit(tx, { action: 'import', entityType, entityId: `${source}:${tx.clock.now().toString()}`, before: null, after: { ...written, rows, rejected: rejected.length } });
    }
    return written;
  });
  return { ...counts, source, rows, rejected };
}
