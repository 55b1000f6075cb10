import type { TxCtx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { nowOf } from '../billing-db.ts';
import { invoicingDb } from './tables.ts';

export type DocumentPrefix = 'INV' | 'CN';

/**
 * The next number of a gapless series (STYLE.md "Document numbers are gapless per series, assigned
 * at issue time inside the transaction"): INV-2026-000123. The series row is locked FOR UPDATE
 * until the caller commits, so concurrent issuers queue, and a rollback gives the number back.
 */
export async function nextDocumentNumber(tx: TxCtx, prefix: DocumentPrefix, issueDate: string): Promise<string> {
  const [number] = await nextDocumentNumbers(tx, prefix, [issueDate]);
  assert(number !== undefined, 'no document number taken');
  return number;
}

/**
 * One number per issue date, in input order: each series (prefix and year) is raised once by the
 * count it needs, so a batch takes one contiguous, gapless block per series under the same lock.
 */
export async function nextDocumentNumbers(tx: TxCtx, prefix: DocumentPrefix, issueDates: readonly string[]): Promise<string[]> {
  if (issueDates.length === 0) return [];
  const years = [...new Set(issueDates.map((date) => date.slice(0, 4)))].sort();
  // Lock order INV before CN (then the ledger's own series): a transaction that issues a credit
  // note and then an invoice must not wait in the opposite order of one doing the reverse.
  if (prefix === 'CN') for (const year of years) await lockSeries(tx, `INV-${year}`);
  const next = new Map<string, bigint>();
  for (const year of years) {
    const series = `${prefix}-${year}`;
    const count = issueDates.filter((date) => date.startsWith(year)).length;
    next.set(year, await raiseSeries(tx, series, count) - BigInt(count) + 1n);
  }
  return issueDates.map((date) => {
    const year = date.slice(0, 4);
    const value = next.get(year) ?? 0n;
    next.set(year, value + 1n);
    return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
  });
}

/**
 * Raises the series by `count` (created at `count` when new) and returns its new last value: one
 * statement, so the row lock is taken and the block known in one round trip.
 */
async function raiseSeries(tx: TxCtx, series: string, count: number): Promise<bigint> {
  const row = await invoicingDb(tx).insertInto('document_number_series').values({ series, last_value: BigInt(count), updated_at: nowOf(tx) })
    .onConflict((oc) => oc.column('series').doUpdateSet((eb) => ({ last_value: eb('document_number_series.last_value', '+', BigInt(count)), updated_at: eb.ref('excluded.updated_at') })))
    .returning('last_value').executeTakeFirst();
  assert(row, `number series ${series} was neither created nor raised`);
  return row.last_value;
}

async function lockSeries(tx: TxCtx, series: string): Promise<void> {
  const db = invoicingDb(tx);
  await db.insertInto('document_number_series').values({ series, last_value: 0n, updated_at: nowOf(tx) })
    .onConflict((oc) => oc.column('series').doNothing()).execute();
  await db.selectFrom('document_number_series').select('series').where('series', '=', series).forUpdate().execute();
}
