import { sql } from 'kysely';
import { EU_COUNTRIES, validEuVatId } from '../../billing/index.ts';
import type { Ctx } from '../../shared/context.ts';
import { loadAccountProfiles } from '../account-profiles.ts';
import { groupByMailbox } from '../dedupe-contacts.ts';
import { DEFAULT_THRESHOLDS, findCandidatePairs } from '../match-accounts.ts';
import { normalizeEmail } from '../normalize.ts';
import { qualityDb } from '../read-model.ts';
import { selectIds, sortedIds, type QualityCheck } from './check-types.ts';

/**
 * Fields each record needs to be worked with (the schema allows them empty, imports leave them so):
 * an account needs a website, a country (tax, territory) and an owner; a contact an e-mail and an
 * account; a lead an e-mail; an opportunity an owner. Plus every active custom field defined as
 * required for that record type (custom_field_definitions.required).
 */
const REQUIRED = {
  account: { table: 'accounts', columns: ['domain', 'country', 'owner_user_id'], plural: 'Accounts', missing: 'a website domain, country or owner' },
  contact: { table: 'contacts', columns: ['email', 'account_id'], plural: 'Contacts', missing: 'an e-mail or account' },
  lead: { table: 'leads', columns: ['email'], plural: 'Leads', missing: 'an e-mail' },
  opportunity: { table: 'opportunities', columns: ['owner_user_id'], plural: 'Opportunities', missing: 'an owner' },
} as const;

async function findMissingRequired(ctx: Ctx, entity: keyof typeof REQUIRED): Promise<string[]> {
  const { table, columns } = REQUIRED[entity];
  const definitions = await qualityDb(ctx)
    .selectFrom('custom_field_definitions')
    .select('key')
    .where('entity_type', '=', entity)
    .where('required', '=', true)
    .where('active', '=', true)
    .execute();
  const missing = [
    ...columns.map((column) => sql`${sql.ref(column)} is null`),
    // Absent, JSON null and the empty string all leave a required custom field unanswered.
    ...definitions.map(({ key }) => sql`coalesce(custom_fields ->> ${key}, '') = ''`),
  ];
  return selectIds(ctx, sql<{ id: string }>`
    select id from ${sql.table(table)} where deleted_at is null and (${sql.join(missing, sql` or `)})`);
}

function requiredCheck(entity: keyof typeof REQUIRED): QualityCheck {
  const { plural, missing } = REQUIRED[entity];
  return {
    check: `${entity}_missing_required_fields`,
    severity: 'warning',
    description: `${plural} missing ${missing}, or a required custom field`,
    findIds: (ctx) => findMissingRequired(ctx, entity),
  };
}

export const REQUIRED_FIELD_CHECKS: QualityCheck[] = [requiredCheck('account'), requiredCheck('contact'), requiredCheck('lead'), requiredCheck('opportunity')];

/**
 * EU accounts whose tax id is not a valid VAT id of their country (prefix, national format, check
 * digits: billing's rule). Billing then treats the customer as having no VAT id: no reverse charge,
 * the seller's VAT on every invoice. Ids of accounts outside the EU (an EIN, a UK VAT number) are not judged.
 */
async function findInvalidVatIds(ctx: Ctx): Promise<string[]> {
  const rows = await qualityDb(ctx).selectFrom('accounts').select(['id', 'tax_id', 'country'])
    .where('deleted_at', 'is', null).where('tax_id', 'is not', null).where('country', 'is not', null).execute();
  return sortedIds(rows.filter((row) => {
    const country = (row.country as string).toUpperCase();
    return EU_COUNTRIES.has(country) && validEuVatId(row.tax_id, country) === null;
  }).map((row) => row.id));
}

export const TAX_ID_CHECKS: QualityCheck[] = [
  {
    check: 'account_invalid_vat_id',
    severity: 'warning',
    description: 'EU accounts whose tax id is not a valid VAT id of their country (format or check digits): invoiced with VAT, never reverse charge',
    findIds: findInvalidVatIds,
  },
];

/** Account pairs at or above the review threshold that nobody has rejected (pending ones included). */
async function findDuplicateAccounts(ctx: Ctx): Promise<string[]> {
  const pairs = findCandidatePairs(await loadAccountProfiles(ctx), { minScoreBps: DEFAULT_THRESHOLDS.reviewBps });
  const rejected = await qualityDb(ctx).selectFrom('match_candidates').select(['account_low_id', 'account_high_id']).where('status', '=', 'rejected').execute();
  const separated = new Set(rejected.map((row) => `${row.account_low_id}|${row.account_high_id}`));
  return sortedIds(pairs.filter((pair) => !separated.has(`${pair.a.id}|${pair.b.id}`)).flatMap((pair) => [pair.a.id, pair.b.id]));
}

async function liveEmails(ctx: Ctx, table: 'contacts' | 'leads') {
  let query = qualityDb(ctx).selectFrom(table).select(['id', 'email', 'created_at']).where('deleted_at', 'is', null).where('email', 'is not', null);
  // Converted and disqualified leads are history: a new lead with their address is expected.
  if (table === 'leads') query = query.where(sql<boolean>`stage in ('new', 'mql', 'sql')`);
  return query.execute();
}

async function findDuplicateEmails(ctx: Ctx, table: 'contacts' | 'leads'): Promise<string[]> {
  return sortedIds([...groupByMailbox(await liveEmails(ctx, table)).values()].flat().map((record) => record.id));
}

async function findLeadsOfContacts(ctx: Ctx): Promise<string[]> {
  // Guard: an address that does not normalize (null) matches nothing, not every other such address.
  const mailboxOf = (email: string | null) => (email === null ? null : normalizeEmail(email));
  const contactMailboxes = new Set((await liveEmails(ctx, 'contacts')).map((c) => mailboxOf(c.email)).filter((m) => m !== null));
  const leads = await liveEmails(ctx, 'leads');
  return sortedIds(leads.filter((lead) => {
    const mailbox = mailboxOf(lead.email);
    return mailbox !== null && contactMailboxes.has(mailbox);
  }).map((lead) => lead.id));
}

export const DUPLICATE_CHECKS: QualityCheck[] = [
  {
    check: 'duplicate_accounts',
    severity: 'warning',
    description: 'Accounts that identity resolution matches with another (score ≥ 0.7) and nobody has rejected',
    findIds: findDuplicateAccounts,
  },
  {
    check: 'duplicate_contacts',
    severity: 'warning',
    description: 'Contacts sharing a mailbox (normalized e-mail: case, +tags, Gmail dots) with another contact',
    findIds: (ctx) => findDuplicateEmails(ctx, 'contacts'),
  },
  {
    check: 'duplicate_leads',
    severity: 'warning',
    description: 'Open leads sharing a mailbox with another open lead',
    findIds: (ctx) => findDuplicateEmails(ctx, 'leads'),
  },
  {
    check: 'lead_duplicates_contact',
    severity: 'info',
    description: 'Open leads whose mailbox is already a contact’s',
    findIds: findLeadsOfContacts,
  },
];
