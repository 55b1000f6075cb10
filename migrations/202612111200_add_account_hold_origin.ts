import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Who put an account on hold (docs/payments.md "Holds"): dunning's hold stage, which the daily run lifts
 * again once no invoice is past that stage, or finance by hand (a dispute, a credit risk), which only a
 * release by hand lifts. Every hold before this was dunning's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table account_holds add column origin text not null default 'dunning' check (origin in ('dunning', 'manual'));
    alter table account_holds alter column origin drop default;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `alter table account_holds drop column origin;`);
}
