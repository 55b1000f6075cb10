import { assert } from '../shared/errors.ts';
import { convertMinor, type ExactRate } from './fx-convert.ts';
import type { RateBook } from './fx-rate-book.ts';
import { lastDateOfMonth, OPEN_MONTH } from './month-numbers.ts';
import type { SnapshotMatrix } from './snapshot-matrix.ts';

/** A matrix in the reporting currency, keeping what it came from for explain. */
export type ConvertedMatrix = SnapshotMatrix & {
  conversion: { source: SnapshotMatrix; foldOf: Int32Array; rates: Map<string, ExactRate> };
};

/**
 * Converts each customer's MRR in each currency at each snapshot (rate of that month's last day,
 * rounded once half-even) and adds the currencies of one customer into one row. Converting per
 * customer and date, not per item, keeps the rounding to one step per figure that explain shows.
 * Only amounts that exist need a rate: a currency with no MRR at a date asks for none.
 */
export function convertMatrix(source: SnapshotMatrix, book: RateBook): ConvertedMatrix {
  const { rowCount, width, snapshotMonths } = source;
  const planSpan = source.plan.reduce((max, plan) => Math.max(max, plan), -1) + 2;
  const foldIndex = new Map<number, number>();
  const foldOf = new Int32Array(rowCount);
  const account: number[] = [];
  const plan: number[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const key = (source.account[row] ?? 0) * planSpan + (source.plan[row] ?? -1) + 1;
    let fold = foldIndex.get(key);
    if (fold === undefined) {
      fold = account.length;
      foldIndex.set(key, fold);
      account.push(source.account[row] ?? 0);
      plan.push(source.plan[row] ?? -1);
    }
    foldOf[row] = fold;
  }
  const values = new Float64Array(account.length * width);
  const firstMonth = new Int32Array(account.length).fill(OPEN_MONTH);
  const rates = new Map<string, ExactRate>();
  const dates = snapshotMonths.map(lastDateOfMonth);
  for (let row = 0; row < rowCount; row += 1) {
    const fold = foldOf[row] ?? 0;
    firstMonth[fold] = Math.min(firstMonth[fold] ?? OPEN_MONTH, source.firstMonth[row] ?? OPEN_MONTH);
    const currency = source.currencies[source.currency[row] ?? 0] ?? '';
    for (let k = 0; k < snapshotMonths.length; k += 1) {
      const amount = source.values[row * width + k] ?? 0;
      if (amount === 0) continue;
      const converted = currency === book.reportingCurrency ? amount : convertCell(amount, currency, dates[k] ?? '', book, rates);
      values[fold * width + k] = (values[fold * width + k] ?? 0) + converted;
    }
  }
  // Guard: a conversion into a currency with many minor units per unit could leave exact float range.
  assert(values.every((value) => Math.abs(value) <= Number.MAX_SAFE_INTEGER), 'converted MRR is beyond exact float arithmetic (2^53)');
  return {
    rowCount: account.length, account: Int32Array.from(account), plan: Int32Array.from(plan), currency: new Int32Array(account.length),
    currencies: [book.reportingCurrency], snapshotMonths, values, width, firstMonth, conversion: { source, foldOf, rates },
  };
}

function convertCell(amount: number, currency: string, date: string, book: RateBook, rates: Map<string, ExactRate>): number {
  const rate = book.rateFor(currency, date);
  rates.set(`${currency}|${date}`, rate);
  return Number(convertMinor(BigInt(amount), rate));
}
