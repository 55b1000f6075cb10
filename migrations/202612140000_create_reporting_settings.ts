import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The company's reporting currency (src/metrics/reporting-currency.ts): the currency the
 * dashboard, the metrics explorer, AR aging and `revline metrics` convert into when the view names
 * none. One row, like billing_tax_settings; without it (or with null) figures stay per currency.
 * The code is checked against the app's ISO 4217 list in code; the database keeps its shape.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table reporting_settings (
      id boolean primary key default true check (id),
      reporting_currency char(3) check (reporting_currency ~ '^[A-Z]{3}$'),
      updated_at timestamptz not null
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table reporting_settings;
  `);
}
