/**
 * Quality is a read model over the other domains: identity resolution and the data-quality report
 * read their tables in bulk, which their public services (one record, owner-scoped) are not made
 * for. The row types below declare only the columns read here; the owning domain's migration is
 * the source of truth, and a renamed column fails the tests beside the check that reads it.
 * Accounts are typed by crm's public CrmTables. Writes to other domains' tables happen only in a
 * merge or unmerge (merge-accounts.ts, move-links.ts), audited there.
 */
import type { Kysely } from 'kysely';
import type { CrmTables } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import type { CalendarDate, Json, SharedTables, Timestamp } from '../shared/db/tables.ts';
import type { QualityTables } from './schema.ts';

/** migrations/202611230042_create_opportunities.ts */
export type OpportunitiesReadTable = {
  id: string;
  account_id: string;
  currency: string;
  stage_key: string;
  close_date: CalendarDate;
  owner_user_id: string | null;
  custom_fields: Json;
  deleted_at: Timestamp | null;
};

/** migrations/202611230040_create_pipeline_stages.ts */
export type PipelineStagesReadTable = { key: string; kind: 'open' | 'won' | 'lost' };

/** migrations/202611230043_create_support_tickets.ts */
export type SupportTicketsReadTable = { id: string; account_id: string; deleted_at: Timestamp | null };

/** migrations/202611230041_create_custom_field_definitions.ts */
export type CustomFieldDefinitionsReadTable = { entity_type: string; key: string; required: boolean; active: boolean };

/** migrations/202611230030_create_contacts.ts */
export type ContactsReadTable = {
  id: string;
  account_id: string | null;
  email: string | null;
  custom_fields: Json;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
};

/** migrations/202611230032_create_leads.ts */
export type LeadsReadTable = {
  id: string;
  company: string | null;
  email: string | null;
  owner_user_id: string | null;
  stage: 'new' | 'mql' | 'sql' | 'converted' | 'disqualified';
  custom_fields: Json;
  deleted_at: Timestamp | null;
};

/** migrations/202611230050_create_subscriptions.ts */
export type SubscriptionsReadTable = { id: string; account_id: string; currency: string };

/** migrations/202611230051_create_invoices.ts (no soft delete: invoices are voided) */
export type InvoicesReadTable = { id: string; account_id: string; subscription_id: string | null; currency: string };

export type ReadModelTables = {
  contacts: ContactsReadTable;
  leads: LeadsReadTable;
  subscriptions: SubscriptionsReadTable;
  invoices: InvoicesReadTable;
  opportunities: OpportunitiesReadTable;
  pipeline_stages: PipelineStagesReadTable;
  support_tickets: SupportTicketsReadTable;
  custom_field_definitions: CustomFieldDefinitionsReadTable;
};

export type QualityDb = Kysely<SharedTables & CrmTables & QualityTables & ReadModelTables>;

export function qualityDb(ctx: Ctx): QualityDb {
  return ctx.db.withTables<CrmTables & QualityTables & ReadModelTables>();
}
