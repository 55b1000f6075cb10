import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The audit log is append-only (STYLE.md "Financial records"): the database
 * itself refuses UPDATE, DELETE and TRUNCATE, so no code path — a buggy repo
 * function or a hand-typed statement — can rewrite history. Someone who owns
 * the table can still disable the triggers; `revline audit verify` catches
 * what they change through the hash chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Audit entries are never changed; record a new entry instead.';
    end;
    $$;
    create trigger audit_log_append_only
      before update or delete on audit_log
      for each row execute function audit_log_refuse_change();
    create trigger audit_log_no_truncate
      before truncate on audit_log
      for each statement execute function audit_log_refuse_change();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop trigger audit_log_no_truncate on audit_log;
    drop trigger audit_log_append_only on audit_log;
    drop function audit_log_refuse_change();
  `);
}
