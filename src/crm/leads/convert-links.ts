import type { TxCtx } from '../../shared/context.ts';
import { AppError, assert } from '../../shared/errors.ts';
import { createAccount } from '../create-account.ts';
import { assertContactIdentified } from '../contacts/contact-rules.ts';
import { createContact } from '../contacts/create-contact.ts';
import { invalidField, nowOf, withFieldPrefix } from '../contacts/record-writes.ts';
import { findContactRow, updateContactRow } from '../contacts/repo.ts';
import { createOpportunity } from '../opportunities/index.ts';
import { findOpportunityRow } from '../opportunities/repo.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { findAccountRow } from '../repo.ts';
import type { ConvertLeadInput } from './convert-schema.ts';
import type { LeadRow } from './schema.ts';

// The three records a conversion links, each resolved inside the conversion's transaction: a
// failure in any of them rolls back all of them and leaves the lead unconverted.

type Linked = { id: string; created: boolean };
/** The lead's owner carries over to what the conversion creates; an unowned lead falls back to the actor. */
const ownerOf = (lead: LeadRow) => lead.owner_user_id ?? undefined;

export async function resolveAccount(tx: TxCtx, scope: OwnerScope, lead: LeadRow, input: ConvertLeadInput): Promise<Linked> {
  if (input.accountId !== undefined) {
    const account = await findAccountRow(tx, scope, input.accountId, 'share');
    if (!account) throw invalidField('body.accountId', 'unknown account', `Account ${input.accountId} does not exist or is not visible to you`);
    return { id: account.id, created: false };
  }
  const body = input.createAccount;
  assert(body, 'convertLeadSchema lets through exactly one of accountId and createAccount');
  const owner = body.ownerUserId !== undefined ? body.ownerUserId : ownerOf(lead);
  const account = await withFieldPrefix('body.createAccount', () => createAccount(tx, { ...body, ownerUserId: owner }));
  return { id: account.id, created: true };
}

/**
 * A named contact must be visible and belong to the account or to none (it is then attached).
 * Otherwise a contact is made from the lead; if a live contact already has the lead's e-mail the
 * 409 says which, so the caller can convert again with contactId.
 */
export async function resolveContact(tx: TxCtx, scope: OwnerScope, lead: LeadRow, accountId: string, contactId: string | undefined): Promise<Linked> {
  if (contactId !== undefined) {
    const contact = await findContactRow(tx, scope, contactId, 'update');
    if (!contact) throw invalidField('body.contactId', 'unknown contact', `Contact ${contactId} does not exist or is not visible to you`);
    if (contact.account_id === null) await updateContactRow(tx, contact, { account_id: accountId, updated_at: nowOf(tx) }, 'update');
    else if (contact.account_id !== accountId) {
      throw new AppError('business_rule_violated', `Contact ${contactId} belongs to account ${contact.account_id}, not ${accountId}`, {
        fieldErrors: [{ field: 'body.contactId', message: 'belongs to another account' }],
      });
    }
    return { id: contact.id, created: false };
  }
  const fields = { firstName: lead.first_name, lastName: lead.last_name, email: lead.email };
  try {
    assertContactIdentified(fields);
  } catch {
    throw invalidField('body.contactId', 'the lead has no name or e-mail to make a contact from; pass contactId');
  }
  const contact = await createContact(tx, {
    ...fields, accountId, phone: lead.phone, title: lead.title, mailingCountry: lead.country, ownerUserId: ownerOf(lead),
  }).catch((error: unknown) => {
    const existing = error instanceof AppError ? error.extra['existingContactId'] : undefined;
    if (typeof existing !== 'string') throw error;
    throw new AppError('conflict', `Contact ${existing} already has this lead's e-mail; convert with contactId ${existing} to link it`, {
      fieldErrors: [{ field: 'body.contactId', message: `contact ${existing} has the lead's e-mail` }],
      extra: { existingContactId: existing },
    });
  });
  return { id: contact.id, created: true };
}

/** An existing opportunity the lead turned into (Salesforce's "choose existing"): visible, live, on the converted account. */
export async function resolveOpportunity(tx: TxCtx, scope: OwnerScope, accountId: string, opportunityId: string): Promise<string> {
  const opportunity = await findOpportunityRow(tx, scope, opportunityId, 'share');
  if (!opportunity) throw invalidField('body.opportunityId', 'unknown opportunity', `Opportunity ${opportunityId} does not exist or is not visible to you`);
  if (opportunity.account_id !== accountId) {
    throw new AppError('business_rule_violated', `Opportunity ${opportunityId} belongs to account ${opportunity.account_id}, not ${accountId}`, {
      fieldErrors: [{ field: 'body.opportunityId', message: 'belongs to another account' }],
    });
  }
  return opportunity.id;
}

/** An opportunity on the converted account, carrying the lead's owner, source and campaign. */
export async function createLeadOpportunity(tx: TxCtx, lead: LeadRow, accountId: string, input: NonNullable<ConvertLeadInput['createOpportunity']>): Promise<string> {
  const opportunity = await withFieldPrefix('body.createOpportunity', () =>
    createOpportunity(tx, {
      accountId,
      name: input.name,
      amount: input.amount,
      closeDate: input.closeDate,
      ...(input.stage !== undefined ? { stage: input.stage } : {}),
      ownerUserId: ownerOf(lead),
      source: lead.source,
      campaignId: lead.campaign_id,
    }),
  );
  return opportunity.id;
}
