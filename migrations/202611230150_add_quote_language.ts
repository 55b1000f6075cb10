import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The language a quote's document is written in (src/cpq/document): one of the app's locales.
 * Existing quotes get English, the default for new ones unless the rep picks another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table quotes add column language text not null default 'en' check (language in ('en','de','it','ru'));
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, 'alter table quotes drop column language;');
}
