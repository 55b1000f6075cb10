import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { findContactRow } from '../contacts/repo.ts';
import { invalidField, nowOf } from '../contacts/record-writes.ts';
import { findLeadRow } from '../leads/repo.ts';
import { ownerScope, type OwnerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findMemberRow, insertMember, toMember } from './members-repo.ts';
import { addMemberSchema, RESPONDED_STATUSES, type AddMemberInput, type CampaignMember } from './members-schema.ts';
import { getCampaignRow } from './repo.ts';

/**
 * Adds a lead or contact the actor can see to a live campaign (any owner: putting your lead in a
 * marketing campaign is a rep's job). A person is a member once: 409 naming the membership.
 */
export async function addCampaignMember(ctx: Ctx, request: { campaignId: string; input: AddMemberInput }): Promise<CampaignMember> {
  const input = parseInput(addMemberSchema, request.input);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    await getCampaignRow(tx, request.campaignId, 'share');
    const memberId = await resolvePerson(tx, scope, input);
    const existing = await findMemberRow(tx, { kind: 'all' }, request.campaignId, memberId);
    if (existing) {
      throw new AppError('conflict', `${memberId} is already a member of campaign ${request.campaignId}`, {
        fieldErrors: [{ field: input.leadId !== undefined ? 'body.leadId' : 'body.contactId', message: 'already a member of this campaign' }],
        extra: { memberId },
      });
    }
    const now = nowOf(tx);
    const row = await insertMember(tx, {
      campaign_id: request.campaignId,
      lead_id: input.leadId ?? null,
      contact_id: input.contactId ?? null,
      status: input.status,
      first_responded_at: RESPONDED_STATUSES.includes(input.status) ? now : null,
      created_at: now,
      updated_at: now,
    });
    return toMember(row);
  });
}

async function resolvePerson(ctx: Ctx, scope: OwnerScope, input: { leadId?: string | undefined; contactId?: string | undefined }): Promise<string> {
  if (input.leadId !== undefined) {
    if (!(await findLeadRow(ctx, scope, input.leadId))) throw invalidField('body.leadId', 'unknown lead', `Lead ${input.leadId} does not exist or is not visible to you`);
    return input.leadId;
  }
  const contactId = input.contactId ?? '';
  if (!(await findContactRow(ctx, scope, contactId))) throw invalidField('body.contactId', 'unknown contact', `Contact ${contactId} does not exist or is not visible to you`);
  return contactId;
}
