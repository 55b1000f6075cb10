import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Support tickets per account. contact_id has no FK: contacts are built in parallel. The CHECKs
 * repeat the rules the service reports as field errors (first response and close not before
 * open, CSAT 1–5, closed_at set exactly while solved or closed) so imports and hand-written SQL
 * cannot break them either.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table support_tickets (
      id text primary key,
      account_id text not null references accounts(id),
      contact_id text,
      subject text not null check (length(subject) between 1 and 500),
      description text,
      priority text not null check (priority in ('low','normal','high','urgent')),
      status text not null check (status in ('open','pending','solved','closed')),
      channel text check (channel in ('email','chat','phone','web','social','other')),
      opened_at timestamptz not null,
      first_response_at timestamptz,
      closed_at timestamptz,
      csat smallint check (csat between 1 and 5),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint support_tickets_source_pair check ((source_system is null) = (external_id is null)),
      constraint support_tickets_first_response_after_open check (first_response_at is null or first_response_at >= opened_at),
      constraint support_tickets_closed_after_open check (closed_at is null or closed_at >= opened_at),
      constraint support_tickets_closed_when_done check ((status in ('solved','closed')) = (closed_at is not null))
    );
    create index support_tickets_account on support_tickets (account_id) where deleted_at is null;
    create index support_tickets_opened on support_tickets (opened_at, id) where deleted_at is null;
    create index support_tickets_created on support_tickets (created_at, id) where deleted_at is null;
    create unique index support_tickets_source_external on support_tickets (source_system, external_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table support_tickets;
  `);
}
