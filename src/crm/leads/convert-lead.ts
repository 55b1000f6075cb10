import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError, assert } from '../../shared/errors.ts';
import { publishEvent } from '../../shared/events/index.ts';
import { assertVersion, nowOf } from '../contacts/record-writes.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { createLeadOpportunity, resolveAccount, resolveContact, resolveOpportunity } from './convert-links.ts';
import { convertLeadSchema, type ConvertLeadInput, type ConvertLeadResult } from './convert-schema.ts';
import { getLeadRow, toLead, updateLeadRow } from './repo.ts';
import type { LeadRow } from './schema.ts';
import { findConvertedLeadStatusRow } from './status-repo.ts';

export type ConvertLeadRequest = { id: string; input: ConvertLeadInput; expectedVersion?: number };

/**
 * Converts a lead in one transaction: resolves or creates the account and contact, optionally
 * links or creates an opportunity, then moves the lead to the first converted-stage status with its
 * converted_* links and converted_at, and publishes `lead.converted`. Any failure rolls all of it
 * back. A lead converts once: converting it again is a 409 naming the existing links.
 */
export async function convertLead(ctx: Ctx, request: ConvertLeadRequest): Promise<ConvertLeadResult> {
  const input = parseInput(convertLeadSchema, request.input);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getLeadRow(tx, scope, request.id, 'update');
    if (before.stage === 'converted') throw alreadyConverted(before);
    const expectedVersion = request.expectedVersion ?? input.version;
    if (expectedVersion !== undefined) assertVersion('Lead', before, expectedVersion);
    const status = await findConvertedLeadStatusRow(tx);
    assert(status, 'lead_statuses has no converted-stage status; migration 202611230032 seeds one');
    const account = await resolveAccount(tx, scope, before, input);
    const contact = await resolveContact(tx, scope, before, account.id, input.contactId);
    const opportunityId = input.opportunityId !== undefined ? await resolveOpportunity(tx, scope, account.id, input.opportunityId)
      : input.createOpportunity ? await createLeadOpportunity(tx, before, account.id, input.createOpportunity) : null;
    const now = nowOf(tx);
    const after = await updateLeadRow(tx, before, {
      status: status.key,
      stage: 'converted',
      converted_at: before.converted_at ?? now,
      converted_account_id: account.id,
      converted_contact_id: contact.id,
      converted_opportunity_id: opportunityId,
      updated_at: now,
    }, 'convert');
    const links = { leadId: after.id, accountId: account.id, contactId: contact.id, opportunityId };
    await publishEvent(tx, { type: 'lead.converted', aggregateType: 'lead', aggregateId: after.id, payload: links });
    return { lead: toLead(after), accountId: account.id, accountCreated: account.created, contactId: contact.id, contactCreated: contact.created, opportunityId };
  });
}

function alreadyConverted(lead: LeadRow): AppError {
  return new AppError('conflict', `Lead ${lead.id} was already converted`, {
    extra: {
      convertedAccountId: lead.converted_account_id,
      convertedContactId: lead.converted_contact_id,
      convertedOpportunityId: lead.converted_opportunity_id,
    },
  });
}
