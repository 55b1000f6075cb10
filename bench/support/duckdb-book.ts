/**
 * Copies the MRR inputs of a PGlite database (accounts, subscriptions, subscription item versions,
 * pauses) into an in-memory DuckDB, for the reference timing in metrics-mrr.bench.ts. The rows
 * travel as CSV (PGlite's `COPY … TO '/dev/blob'`, DuckDB's `read_csv`) through a temp directory:
 * the same rows Revline's loader reads, effective dates and all, not the spans it compiles them to.
 *
 * DuckDB is a dev dependency and lives in bench/ only: production code never imports it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { PGlite } from '@electric-sql/pglite';

export type DuckDbBook = { connection: DuckDBConnection; close(): void };

/** Column lists with their DuckDB types: read_csv must not guess (an empty column would become VARCHAR). */
const TABLES: Record<string, { from: string; columns: Record<string, string> }> = {
  accounts: { from: 'accounts', columns: { id: 'VARCHAR', segment: 'VARCHAR' } },
  subscriptions: {
    from: 'subscriptions',
    columns: { id: 'VARCHAR', account_id: 'VARCHAR', currency: 'VARCHAR', status: 'VARCHAR', start_date: 'DATE', trial_end_date: 'DATE', end_date: 'DATE' },
  },
  subscription_items: {
    from: 'subscription_items',
    columns: {
      subscription_id: 'VARCHAR', kind: 'VARCHAR', quantity: 'BIGINT', unit_price_minor: 'BIGINT', discount_bps: 'BIGINT', billing_interval_months: 'BIGINT',
      amount_minor: 'BIGINT', effective_from_date: 'DATE', effective_to_date: 'DATE',
    },
  },
  subscription_pauses: { from: 'subscription_pauses', columns: { subscription_id: 'VARCHAR', start_date: 'DATE', end_date: 'DATE' } },
};

/** `threads`: DuckDB's worker threads (its default is one per core; the Revline report runs on one). */
export async function loadDuckDbBook(pglite: PGlite, threads: number): Promise<DuckDbBook> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-duckdb-'));
  try {
    const present = await pgliteColumns(pglite, 'subscription_items');
    for (const [name, table] of Object.entries(TABLES)) {
      const file = path.join(directory, `${name}.csv`);
      // amount_minor (exact line amounts) is a later column: an older schema exports it as null.
      const select = Object.keys(table.columns).map((column) => (name !== 'subscription_items' || present.has(column) ? column : `null as ${column}`));
      const result = await pglite.query(`copy (select ${select.join(', ')} from ${table.from}) to '/dev/blob' with (format csv, header)`);
      // Guard: without the blob there is nothing to load, and an empty DuckDB would "agree" on nothing.
      if (!result.blob) throw new Error(`PGlite returned no CSV for ${name}`);
      fs.writeFileSync(file, Buffer.from(await result.blob.arrayBuffer()));
      const columns = Object.entries(table.columns).map(([column, type]) => `'${column}': '${type}'`).join(', ');
      await connection.run(`create table ${name} as select * from read_csv('${file}', header = true, columns = {${columns}})`);
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function pgliteColumns(pglite: PGlite, table: string): Promise<Set<string>> {
  const result = await pglite.query<{ column_name: string }>('select column_name from information_schema.columns where table_name = $1', [table]);
  return new Set(result.rows.map((row) => row.column_name));
}
