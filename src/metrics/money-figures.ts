import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { convertMinor } from './fx-convert.ts';
import { loadRateBook, type RateBook } from './fx-rate-book.ts';
import type { ReportRequest } from './report-request.ts';

/** An amount on a date: what a money figure adds up (deal, spend line, pipeline entry). */
export type DatedAmount = { amountMinor: bigint; currency: string; date: string };

/** The rates a report in a reporting currency needs for these amounts; null without one (or without amounts). */
export async function rateBookFor(ctx: Ctx, request: ReportRequest, amounts: readonly DatedAmount[]): Promise<RateBook | null> {
  if (request.reportingCurrency === null || amounts.length === 0) return null;
  const dates = amounts.map((a) => a.date).sort();
  return loadRateBook(ctx, [...new Set(amounts.map((a) => a.currency))], request.reportingCurrency, dates[0] ?? '', dates[dates.length - 1] ?? '');
}

/** The currency an amount is reported in: its own, or the reporting currency. */
export function figureCurrency(amount: { currency: string }, book: RateBook | null): string {
  return book?.reportingCurrency ?? amount.currency;
}

/** The amount in the figure's currency: its own, or converted at its date's rate (rounded once, half-even). */
export function amountIn(amount: DatedAmount, book: RateBook | null): bigint {
  if (!book || amount.currency === book.reportingCurrency) return amount.amountMinor;
  return convertMinor(amount.amountMinor, book.rateFor(amount.currency, amount.date));
}

export function totalIn(amounts: readonly DatedAmount[], book: RateBook | null): bigint {
  return amounts.reduce((sum, amount) => sum + amountIn(amount, book), 0n);
}

/** JSON carries numbers, so a total beyond 2^53 minor units is refused rather than rounded. */
export function jsonMinor(total: bigint): number {
  assert(total <= BigInt(Number.MAX_SAFE_INTEGER) && total >= -BigInt(Number.MAX_SAFE_INTEGER), `a total of ${total} minor units is beyond exact JSON numbers`);
  return Number(total);
}

/** The currencies a money metric shows: every currency seen (each its own series), or the reporting one. */
export function figureCurrencies(amounts: ReadonlyArray<{ currency: string }>, request: ReportRequest): string[] {
  return request.reportingCurrency ? [request.reportingCurrency] : [...new Set(amounts.map((a) => a.currency))].sort();
}

/** The conversion shown in explain when an amount was converted. */
export function conversionOf(amount: DatedAmount, book: RateBook | null): { convertedMinor?: number; rate?: string } {
  if (!book || amount.currency === book.reportingCurrency) return {};
  return { convertedMinor: jsonMinor(amountIn(amount, book)), rate: book.rateFor(amount.currency, amount.date).text };
}
