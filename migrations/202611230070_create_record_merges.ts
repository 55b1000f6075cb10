import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Identity resolution (src/quality).
 * match_candidates is the account review queue: one row per unordered pair (low id < high id),
 * ever, so a rejected pair is never proposed again. Scores are basis points of a 0–1 match score.
 * record_merges: one account folded into another (or one contact into another). survivor_id and
 * merged_id name rows of the table entity_type says, so they carry no foreign key; the service
 * locks both rows. An entity is merged away at most once at a time (partial unique index).
 * filled_fields holds the survivor's blanks filled from the merged record, cleared on unmerge.
 * record_merge_moves: every row whose link was moved (or kept: moving it would break a unique or
 * immutability rule), so that an unmerge puts exactly those rows back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table match_candidates (
      id text primary key,
      account_low_id text not null references accounts(id),
      account_high_id text not null references accounts(id),
      score_bps integer not null check (score_bps between 0 and 10000),
      reasons jsonb not null check (jsonb_typeof(reasons) = 'array'),
      status text not null check (status in ('pending','confirmed','rejected','superseded')),
      created_at timestamptz not null,
      decided_at timestamptz,
      decided_by text,
      constraint match_candidates_pair_order check (account_low_id < account_high_id),
      constraint match_candidates_pair_unique unique (account_low_id, account_high_id),
      constraint match_candidates_decided check ((status = 'pending') = (decided_at is null))
    );
    create index match_candidates_queue on match_candidates (status, score_bps desc, id);
    create index match_candidates_high on match_candidates (account_high_id);

    create table record_merges (
      id text primary key,
      entity_type text not null check (entity_type in ('account','contact')),
      survivor_id text not null,
      merged_id text not null,
      score_bps integer not null check (score_bps between 0 and 10000),
      reasons jsonb not null check (jsonb_typeof(reasons) = 'array'),
      candidate_id text references match_candidates(id),
      filled_fields jsonb not null default '{}' check (jsonb_typeof(filled_fields) = 'object'),
      status text not null check (status in ('merged','unmerged')),
      merged_at timestamptz not null,
      merged_by text not null,
      unmerged_at timestamptz,
      unmerged_by text,
      constraint record_merges_two_records check (survivor_id <> merged_id),
      constraint record_merges_candidate_account check (candidate_id is null or entity_type = 'account'),
      constraint record_merges_unmerged check ((status = 'unmerged') = (unmerged_at is not null and unmerged_by is not null))
    );
    create unique index record_merges_active_merged on record_merges (entity_type, merged_id) where status = 'merged';
    create index record_merges_survivor on record_merges (entity_type, survivor_id);

    create table record_merge_moves (
      merge_id text not null references record_merges(id),
      seq integer not null check (seq > 0),
      table_schema text not null,
      table_name text not null,
      column_name text not null,
      row_key jsonb not null check (jsonb_typeof(row_key) = 'object'),
      new_value text,
      outcome text not null check (outcome in ('moved','kept')),
      restore_outcome text check (restore_outcome in ('restored','changed_since')),
      primary key (merge_id, seq)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table record_merge_moves;
    drop table record_merges;
    drop table match_candidates;
  `);
}
