import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The links left without a foreign key while their tables were built in parallel:
 * activities.opportunity_id and leads.converted_opportunity_id → opportunities,
 * opportunities.campaign_id → campaigns. Plain (not deferrable) keys suffice: every writer makes
 * the target first — the services check the link in code (field errors), lead conversion
 * creates the opportunity before it marks the lead, and the import engine resolves every
 * reference to an existing Revline id (import_keys) before it writes a row, deferring a row
 * whose target is not imported yet to the end of the run, and writes files in entity order
 * (campaign, opportunity, then activity). Soft deletes keep the target rows, so the keys never
 * block a delete. Indexes: activities and leads have theirs; opportunities gets one for campaign
 * reports and for the key's checks on campaign changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table activities add constraint activities_opportunity_id_fkey foreign key (opportunity_id) references opportunities(id);
    alter table leads add constraint leads_converted_opportunity_id_fkey foreign key (converted_opportunity_id) references opportunities(id);
    alter table opportunities add constraint opportunities_campaign_id_fkey foreign key (campaign_id) references campaigns(id);
    create index opportunities_campaign on opportunities (campaign_id) where campaign_id is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop index opportunities_campaign;
    alter table opportunities drop constraint opportunities_campaign_id_fkey;
    alter table leads drop constraint leads_converted_opportunity_id_fkey;
    alter table activities drop constraint activities_opportunity_id_fkey;
  `);
}
