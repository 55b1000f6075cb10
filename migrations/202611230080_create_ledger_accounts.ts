import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The chart of accounts (docs/ledger.md). An account's code, type and normal side give meaning to
 * every line already posted to it, so the database refuses to change them or to delete an account;
 * only the name and `active` may change (an inactive account takes no new postings). The seeded
 * chart is what the billing engine's posting rules name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table ledger_accounts (
      code text primary key check (code ~ '^[0-9]{3,10}$'),
      name text not null check (length(name) between 1 and 200),
      type text not null check (type in ('asset','liability','equity','revenue','expense')),
      normal_side text not null check (normal_side in ('debit','credit')),
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    insert into ledger_accounts (code, name, type, normal_side, created_at, updated_at) values
      ('1000', 'Cash', 'asset', 'debit', now(), now()),
      ('1100', 'Accounts receivable', 'asset', 'debit', now(), now()),
      ('1200', 'Unbilled receivables', 'asset', 'debit', now(), now()),
      ('2000', 'Deferred revenue', 'liability', 'credit', now(), now()),
      ('2100', 'Tax payable', 'liability', 'credit', now(), now()),
      ('2200', 'Customer credit', 'liability', 'credit', now(), now()),
      ('3000', 'Retained earnings', 'equity', 'credit', now(), now()),
      ('3900', 'Opening balance equity', 'equity', 'credit', now(), now()),
      ('4000', 'Subscription revenue', 'revenue', 'credit', now(), now()),
      ('4100', 'Services revenue', 'revenue', 'credit', now(), now()),
      ('4200', 'Usage revenue', 'revenue', 'credit', now(), now()),
      ('4900', 'FX gain/loss', 'revenue', 'credit', now(), now()),
      ('6100', 'Bad debt expense', 'expense', 'debit', now(), now()),
      ('6200', 'Payment processing fees', 'expense', 'debit', now(), now());

    create function ledger_accounts_refuse_redefinition() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'ledger account % cannot be deleted; deactivate it instead', old.code
          using errcode = 'insufficient_privilege';
      end if;
      if new.code <> old.code or new.type <> old.type or new.normal_side <> old.normal_side then
        raise exception 'ledger account % keeps its code, type and normal side; create a new account instead', old.code
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end;
    $$;
    create trigger ledger_accounts_fixed_meaning
      before update or delete on ledger_accounts
      for each row execute function ledger_accounts_refuse_redefinition();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table ledger_accounts;
    drop function ledger_accounts_refuse_redefinition();
  `);
}
