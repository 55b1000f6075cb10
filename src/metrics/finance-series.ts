import type { RateBook } from './fx-rate-book.ts';
import type { RecordContribution, SeriesPoint } from './metric-types.ts';
import { conversionOf, figureCurrencies, figureCurrency, jsonMinor, totalIn, type DatedAmount } from './money-figures.ts';
import { accountBreakdown, explainOf, groupRecords, pointBase, type AccountAttributes } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

/** A dated, signed amount of one customer's record (invoice, payment, posting …) that a finance figure adds up. */
export type FinanceRecord = DatedAmount & AccountAttributes & { recordType: string; id: string };
type Fields = Record<string, string | number | boolean | null>;

export type SumOptions<T extends FinanceRecord> = {
  formula: string;
  timeBasis: string;
  /** The record's own fields shown in explain (beside recordType, id, date, amountMinor, currency). */
  fieldsOf: (record: T) => Fields;
  /** Point extras computed from the period's records in the figure's currency. */
  extrasOf?: (records: T[], book: RateBook | null) => Record<string, number>;
};

/**
 * Σ signed amounts per period (by the record's date) × breakdown value × currency — or converted
 * into the reporting currency at each record's date (rounded once per record). Every currency
 * seen in the range gets a point in every period, so each series is continuous.
 */
export function sumSeries<T extends FinanceRecord>(name: string, request: ReportRequest, records: readonly T[], book: RateBook | null, options: SumOptions<T>): SeriesPoint[] {
  const currencies = figureCurrencies(records, request);
  const groups = groupRecords(records, request, (record) => record.date, accountBreakdown(request, name));
  return groups.flatMap((group) => currencies.map((currency): SeriesPoint => {
    const items = group.records.filter((record) => figureCurrency(record, book) === currency);
    return {
      ...pointBase(group), currency, value: jsonMinor(totalIn(items, book)), count: items.length, ...options.extrasOf?.(items, book),
      ...explainOf(request, group.period, () => ({ formula: options.formula, contributions: items.map((record) => recordContribution(record, book, options.fieldsOf(record))) }), { timeBasis: options.timeBasis }),
    };
  }));
}

/** explain: the record, its signed amount in its own currency and, when converted, the converted amount (these add up to the figure). */
export function recordContribution(record: FinanceRecord, book: RateBook | null, fields: Fields): RecordContribution {
  return { recordType: record.recordType, id: record.id, ...fields, date: record.date, amountMinor: jsonMinor(record.amountMinor), currency: record.currency, ...conversionOf(record, book) };
}

/** The breakdown value of a record (undefined: no breakdown requested). */
export function breakdownValueOf(request: ReportRequest, name: string): (record: AccountAttributes) => string | null | undefined {
  return accountBreakdown(request, name);
}

/** Every breakdown value seen, in the order groupRecords uses (null last). */
export function breakdownValues(records: readonly AccountAttributes[], valueOf: (record: AccountAttributes) => string | null | undefined): Array<string | null | undefined> {
  return [...new Set(records.map(valueOf))].sort((a, b) => ((a ?? '\uffff') < (b ?? '\uffff') ? -1 : (a ?? '\uffff') > (b ?? '\uffff') ? 1 : 0));
}
