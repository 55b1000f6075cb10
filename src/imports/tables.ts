import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../shared/db/tables.ts';

export type ImportRunStatus = 'running' | 'completed' | 'failed';

export type ImportRunsTable = {
  id: string;
  source: string;
  source_system: string;
  files: Json;
  dry_run: boolean;
  status: ImportRunStatus;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  counts: Json | null;
  error_report: string | null;
  failure: string | null;
  actor_type: string;
  actor_id: string;
  request_id: string | null;
};

export type ImportKeysTable = {
  source_system: string;
  entity: string;
  external_id: string;
  record_id: string;
  merged: Generated<boolean>;
  /** jsonb: written as JSON text, read as an object; the column has a default. */
  links: ColumnType<unknown, string | undefined, string>;
  import_run_id: string;
  last_run_id: string;
  created_at: Timestamp;
};

export type ImportContributionsTable = {
  source_system: string;
  entity: string;
  external_id: string;
  record_id: string;
  amount: bigint;
};

export type ImportTables = { import_runs: ImportRunsTable; import_keys: ImportKeysTable; import_contributions: ImportContributionsTable };
