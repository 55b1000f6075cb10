import { findAccount, listChildAccounts, listContacts, type Account } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { findUserName } from './read-model.ts';
import type { Customer360 } from './schema.ts';

const CHILD_LIMIT = 100;
const CONTACT_LIMIT = 200;

/** The account with its hierarchy (parent, direct children the actor may see) and owner's name. */
export async function loadAccountSection(ctx: Ctx, account: Account): Promise<Customer360['account']> {
  const parent = account.parentAccountId === null ? null : await findAccount(ctx, account.parentAccountId);
  const children = await listChildAccounts(ctx, { id: account.id, limit: CHILD_LIMIT, sort: 'name' });
  return {
    id: account.id, name: account.name, domain: account.domain, segment: account.segment, industry: account.industry, country: account.country,
    billingAddress: account.billingAddress, taxId: account.taxId,
    currency: account.currency, ownerUserId: account.ownerUserId, ownerName: account.ownerUserId === null ? null : await findUserName(ctx, account.ownerUserId),
    customerSinceDate: account.customerSinceDate,
    parent: account.parentAccountId === null ? null : { id: account.parentAccountId, name: parent?.name ?? null },
    children: children.data.map((child) => ({ id: child.id, name: child.name, segment: child.segment, country: child.country })),
    hasMoreChildren: children.nextCursor !== null,
  };
}

export async function loadContacts(ctx: Ctx, accountId: string): Promise<Customer360['contacts']> {
  const page = await listContacts(ctx, { accountId, limit: CONTACT_LIMIT, sort: 'name' });
  return page.data.map((contact) => ({
    id: contact.id, name: [contact.firstName, contact.lastName].filter((part) => part !== null && part !== '').join(' ') || null,
    email: contact.email, phone: contact.phone, title: contact.title,
  }));
}
