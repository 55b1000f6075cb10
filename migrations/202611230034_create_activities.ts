import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Activities: calls, meetings, e-mails and tasks, linked to an account, contact,
 * lead and/or opportunity (the Customer 360 timeline reads them by link and date).
 * Calls, meetings and e-mails happened at occurred_at. Tasks have a status and an
 * optional due date; a completed task's occurred_at is when it was completed, so
 * one column orders the whole timeline. opportunity_id has no foreign key: the
 * opportunities table is built concurrently; add the key in a later migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table activities (
      id text primary key,
      type text not null check (type in ('call','meeting','email','task')),
      subject text not null check (length(subject) between 1 and 300),
      description text,
      occurred_at timestamptz,
      due_date date,
      status text check (status in ('open','completed')),
      account_id text references accounts(id),
      contact_id text references contacts(id),
      lead_id text references leads(id),
      opportunity_id text,
      owner_user_id text references users(id),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint activities_task_status check ((type = 'task') = (status is not null)),
      constraint activities_event_time check (type = 'task' or (occurred_at is not null and due_date is null)),
      constraint activities_task_completion check (type <> 'task' or (status = 'completed') = (occurred_at is not null)),
      constraint activities_source_pair check ((source_system is null) = (external_id is null))
    );
    create index activities_account on activities (account_id, occurred_at) where deleted_at is null;
    create index activities_contact on activities (contact_id, occurred_at) where deleted_at is null;
    create index activities_lead on activities (lead_id, occurred_at) where deleted_at is null;
    create index activities_opportunity on activities (opportunity_id, occurred_at) where deleted_at is null;
    create index activities_owner on activities (owner_user_id) where deleted_at is null;
    create index activities_created on activities (created_at, id) where deleted_at is null;
    create unique index activities_source_external on activities (source_system, external_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table activities;
  `);
}
