import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The day an imported payment was taken onto Revline's books (docs/payments.md "Imported
 * payments"): the first refund, chargeback, unapplication or application of it in Revline. From
 * then on Revline owns its application, so a re-import may no longer change it. Null for every
 * payment Revline recorded itself (those are on the books from the start) and for imported
 * payments Revline never touched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table payments add column booked_date date;
    alter table payments add constraint payments_booked_imported check (booked_date is null or source_system is not null);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table payments drop constraint payments_booked_imported;
    alter table payments drop column booked_date;
  `);
}
