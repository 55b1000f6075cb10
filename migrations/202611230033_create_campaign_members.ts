import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Campaign members: a lead or a contact (exactly one, by CHECK) in a campaign.
 * member_id is whichever of the two is set; the primary key on
 * (campaign_id, member_id) makes a person a member of a campaign at most once.
 * first_responded_at is set on the first responding status and never cleared,
 * so response metrics stay stable when a member later unsubscribes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table campaign_members (
      campaign_id text not null references campaigns(id),
      lead_id text references leads(id),
      contact_id text references contacts(id),
      member_id text generated always as (coalesce(lead_id, contact_id)) stored,
      status text not null check (status in ('planned','sent','opened','responded','registered','attended','no_show','unsubscribed','bounced')),
      first_responded_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint campaign_members_exactly_one check (num_nonnulls(lead_id, contact_id) = 1),
      constraint campaign_members_pkey primary key (campaign_id, member_id)
    );
    create index campaign_members_lead on campaign_members (lead_id) where lead_id is not null;
    create index campaign_members_contact on campaign_members (contact_id) where contact_id is not null;
    create index campaign_members_created on campaign_members (campaign_id, created_at, member_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table campaign_members;
  `);
}
