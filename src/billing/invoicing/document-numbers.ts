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
  // Lock order INV before CN (then the ledger's own series): a transaction that issues a credit
  // note and then an invoice must not wait in the opposite order of one doing the reverse.
  if (prefix === 'CN') await lockSeries(tx, `INV-${issueDate.slice(0, 4)}`);
  const series = `${prefix}-${issueDate.slice(0, 4)}`;
  const db = invoicingDb(tx);
  await db.insertInto('document_number_series').values({ series, last_value: 0n, updated_at: nowOf(tx) })
    .onConflict((oc) => oc.column('series').doNothing()).execute();
  const row = await db.updateTable('document_number_series')
    .set((eb) => ({ last_value: eb('last_value', '+', 1n), updated_at: nowOf(tx) }))
    .where('series', '=', series).returning('last_value').executeTakeFirst();
  assert(row, `number series ${series} vanished inside its transaction`);
  return `${series}-${String(row.last_value).padStart(6, '0')}`;
}

async function lockSeries(tx: TxCtx, series: string): Promise<void> {
  const db = invoicingDb(tx);
  await db.insertInto('document_number_series').values({ series, last_value: 0n, updated_at: nowOf(tx) })
    .onConflict((oc) => oc.column('series').doNothing()).execute();
  await db.selectFrom('document_number_series').select('series').where('series', '=', series).forUpdate().execute();
}
