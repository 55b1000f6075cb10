import { parse } from 'csv-parse/sync';
import { recordAudit } from '../shared/audit.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { parsePlainDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import { isCurrencyCode } from '../shared/money.ts';
import type { StoredRate } from './fx-convert.ts';
import { upsertFxRates, type UpsertCounts } from './fx-rate-repo.ts';

export type RejectedCell = { line: number; column: string; message: string };
export type FxImportResult = UpsertCounts & { source: string; base: string; rates: number; firstDate: string | null; lastDate: string | null; rejected: RejectedCell[] };

const RATE_TEXT = /^\d{1,12}(\.\d{1,12})?$/;
const MISSING = new Set(['', 'N/A', '-']);

/**
 * Imports ECB-style reference rates: a header `Date,USD,JPY,…` and one line per day, each cell
 * "1 base = cell quote" (ECB: base EUR; eurofxref-hist.csv as published, trailing comma and N/A
 * cells included). Bad cells and lines are reported one by one and skipped (STYLE.md "Errors":
 * one bad row never stops the run); the good ones are written in one audited transaction.
 */
export async function importEcbRatesCsv(ctx: Ctx, csv: string, options: { source?: string; base?: string } = {}): Promise<FxImportResult> {
  const source = options.source ?? 'ecb';
  const base = (options.base ?? 'EUR').toUpperCase();
  if (!isCurrencyCode(base)) throw new AppError('validation_failed', `base ${base} is not an ISO 4217 currency code`, { fieldErrors: [{ field: 'body.base', message: 'not an ISO 4217 code' }] });
  const { rates, rejected } = parseEcbCsv(csv, base);
  const dates = rates.map((rate) => rate.rateDate).sort();
  const firstDate = dates[0] ?? null;
  const lastDate = dates[dates.length - 1] ?? null;
  const counts = await inTransaction(ctx, async (tx) => {
    const written = await upsertFxRates(tx, rates, source);
    if (written.inserted + written.updated > 0) {
      const currencies = [...new Set(rates.map((rate) => rate.quote))].sort();
      await recordAudit(tx, {
        action: 'import', entityType: 'fx_rates', entityId: `${source}:${base}:${firstDate}..${lastDate}`, before: null,
        after: { ...written, base, currencies, firstDate, lastDate, rejected: rejected.length },
      });
    }
    return written;
  });
  return { ...counts, source, base, rates: rates.length, firstDate, lastDate, rejected };
}

export function parseEcbCsv(csv: string, base: string): { rates: StoredRate[]; rejected: RejectedCell[] } {
  const lines = parse(csv, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  const [header = [], ...body] = lines;
  const rejected: RejectedCell[] = [];
  if ((header[0] ?? '').toLowerCase() !== 'date') {
    const found = header.length === 0 ? 'the CSV has no header line' : `the header starts with ${JSON.stringify(header[0])}`;
    const message = `not an ECB rates file: the first column must be "Date", then one column per currency (${found})`;
    throw new AppError('validation_failed', message, { fieldErrors: [{ field: 'body.csv', message }] });
  }
  const quotes = header.map((cell, j) => (j === 0 || cell === '' ? null : cell.toUpperCase()));
  quotes.forEach((quote, j) => {
    if (quote !== null && (!isCurrencyCode(quote) || quote === base)) rejected.push({ line: 1, column: header[j] ?? '', message: 'not a currency to quote against the base' });
  });
  const rates: StoredRate[] = [];
  const seen = new Set<string>();
  body.forEach((cells, index) => {
    const line = index + 2;
    const rateDate = cells[0] ?? '';
    if (!isDate(rateDate)) return void rejected.push({ line, column: 'Date', message: `not a date (YYYY-MM-DD): ${JSON.stringify(rateDate)}` });
    cells.forEach((cell, j) => {
      const quote = quotes[j];
      if (j === 0 || quote === null || quote === undefined || !isCurrencyCode(quote) || quote === base || MISSING.has(cell)) return;
      if (!RATE_TEXT.test(cell) || /^[0.]+$/.test(cell)) return void rejected.push({ line, column: quote, message: `not a positive decimal rate: ${JSON.stringify(cell)}` });
      // One rate per day and pair: a second one in the same file is ambiguous, so the first stands.
      if (seen.has(`${rateDate}|${quote}`)) return void rejected.push({ line, column: quote, message: `a second ${quote} rate for ${rateDate}` });
      seen.add(`${rateDate}|${quote}`);
      rates.push({ rateDate, base, quote, rate: cell });
    });
  });
  return { rates, rejected };
}

function isDate(text: string): boolean {
  try {
    parsePlainDate(text);
    return true;
  } catch {
    return false;
  }
}
