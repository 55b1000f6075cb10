import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * One row per import (CLI, API, later the web app), dry runs included, so the history can be shown.
 * `counts` is the run's summary JSON (created/updated/unchanged/merged/rejected per entity and per
 * file); it is null while the run is going. `status` moves running → completed | failed once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table import_runs (
      id text primary key,
      source text not null check (length(source) between 1 and 200),
      source_system text not null check (length(source_system) between 1 and 50),
      files jsonb not null check (jsonb_typeof(files) = 'array'),
      dry_run boolean not null,
      status text not null check (status in ('running','completed','failed')),
      started_at timestamptz not null,
      finished_at timestamptz,
      counts jsonb check (counts is null or jsonb_typeof(counts) = 'object'),
      error_report text,
      failure text,
      actor_type text not null,
      actor_id text not null,
      request_id text,
      constraint import_runs_finished check ((status = 'running') = (finished_at is null))
    );
    create index import_runs_started on import_runs (started_at desc, id desc);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table import_runs;
  `);
}
