import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Accounting periods, one calendar month each ('2026-01'). A month without a row is open: rows
 * appear when a month is first closed. Nothing posts into a closed month (checked in code under a
 * period lock, and by a trigger on journal_entries, see 202611230083). The history of closes and
 * reopens, with their reasons, is in the audit log; the row holds the current state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table ledger_periods (
      period text primary key check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text not null check (status in ('open','closed')),
      closed_at timestamptz,
      closed_by text,
      reason text check (length(reason) between 1 and 500),
      updated_at timestamptz not null,
      constraint ledger_periods_closed_stamp check ((status = 'closed') = (closed_at is not null and closed_by is not null))
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table ledger_periods;
  `);
}
