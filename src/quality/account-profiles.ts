import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { AccountProfile } from './match-accounts.ts';
import { companyEmailDomain, normalizeLegalName, normalizeTaxId } from './normalize.ts';
import { qualityDb } from './read-model.ts';

type ProfileSource = {
  id: string;
  name: string;
  domain: string | null;
  tax_id: string | null;
  country: string | null;
  custom_fields: unknown;
  created_at: Date;
};

// Custom fields whose key names an e-mail ("billing_email", "email"): where imports from billing
// systems keep a customer's address (a Stripe customer has no contacts), linking it to a domain.
const EMAIL_FIELD = /(?:^|_)e?mail(?:_|$)/;

/** `contactEmails`: the addresses of the account's live contacts; `ancestorIds`: its parent, the parent's parent, … */
export function toAccountProfile(row: ProfileSource, contactEmails: readonly string[] = [], ancestorIds: readonly string[] = []): AccountProfile {
  return {
    id: row.id,
    ancestorIds,
    createdAt: row.created_at,
    name: row.name,
    normalizedName: normalizeLegalName(row.name),
    domain: row.domain,
    emailDomains: emailDomainsOf([...customFieldEmails(row.custom_fields), ...contactEmails]),
    taxId: row.tax_id === null ? null : normalizeTaxId(row.tax_id, row.country),
    country: row.country,
  };
}

function customFieldEmails(customFields: unknown): string[] {
  if (customFields === null || typeof customFields !== 'object') return [];
  return Object.entries(customFields as Record<string, unknown>).flatMap(([key, value]) =>
    EMAIL_FIELD.test(key) && typeof value === 'string' ? [value] : [],
  );
}

function emailDomainsOf(emails: readonly string[]): string[] {
  const domains = new Set(emails.map(companyEmailDomain).filter((domain): domain is string => domain !== null));
  return [...domains].sort();
}

/** Every live account (or the given ones), as the matcher sees it; merged-away accounts are deleted and left out. */
export async function loadAccountProfiles(ctx: Ctx, ids?: readonly string[]): Promise<AccountProfile[]> {
  let query = qualityDb(ctx)
    .selectFrom('accounts')
    .select(['id', 'name', 'domain', 'tax_id', 'country', 'custom_fields', 'created_at'])
    .where('deleted_at', 'is', null)
    .orderBy('id');
  if (ids !== undefined) query = query.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
  const rows = await query.execute();
  const emails = await loadContactEmails(ctx, ids);
  const ancestors = await loadAncestorIds(ctx, ids);
  return rows.map((row) => toAccountProfile(row, emails.get(row.id), ancestors.get(row.id)));
}

// crm refuses hierarchy loops; the bound only keeps a loop written straight into the table finite.
const MAX_HIERARCHY_DEPTH = 50;

/** Each account's ancestors, nearest first, following parent links (deleted parents included: the link still says who is whose). */
async function loadAncestorIds(ctx: Ctx, accountIds?: readonly string[]): Promise<Map<string, string[]>> {
  const start = accountIds === undefined ? sql`true` : sql`id in (${sql.join(accountIds.length > 0 ? [...accountIds] : [''])})`;
  const { rows } = await sql<{ id: string; ancestor_id: string; depth: number }>`
    with recursive chain (id, ancestor_id, depth) as (
      select id, parent_account_id, 1 from accounts where deleted_at is null and parent_account_id is not null and ${start}
      union all
      select chain.id, parent.parent_account_id, chain.depth + 1
      from chain join accounts parent on parent.id = chain.ancestor_id
      where parent.parent_account_id is not null and chain.depth < ${MAX_HIERARCHY_DEPTH}
    )
    select id, ancestor_id, depth from chain order by id, depth`.execute(ctx.db);
  const byAccount = new Map<string, string[]>();
  for (const row of rows) byAccount.set(row.id, [...(byAccount.get(row.id) ?? []), row.ancestor_id]);
  return byAccount;
}

/** Live contacts' addresses by account: a company's people write from its domain. */
async function loadContactEmails(ctx: Ctx, accountIds?: readonly string[]): Promise<Map<string, string[]>> {
  let query = qualityDb(ctx)
    .selectFrom('contacts')
    .select(['account_id', 'email'])
    .where('deleted_at', 'is', null)
    .where('account_id', 'is not', null)
    .where('email', 'is not', null);
  if (accountIds !== undefined) query = query.where('account_id', 'in', accountIds.length > 0 ? [...accountIds] : ['']);
  const byAccount = new Map<string, string[]>();
  for (const row of await query.execute()) {
    if (row.account_id === null || row.email === null) continue;
    byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row.email]);
  }
  return byAccount;
}

/** The survivor of a merge: the account created first (ties by id), so long-lived links and reports keep their id. */
export function chooseSurvivor(a: AccountProfile, b: AccountProfile): { survivor: AccountProfile; merged: AccountProfile } {
  const aFirst = a.createdAt.getTime() < b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);
  return aFirst ? { survivor: a, merged: b } : { survivor: b, merged: a };
}
