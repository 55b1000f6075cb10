import type { TxCtx } from '../../shared/context.ts';
import { assertAccountUsable } from '../contacts/contact-rules.ts';
import { invalidField } from '../contacts/record-writes.ts';
import { findContactRow } from '../contacts/repo.ts';
import { findLeadRow } from '../leads/repo.ts';
import { findOpportunity } from '../opportunities/index.ts';
import type { OwnerScope } from '../owner-scope.ts';
import type { ActivityFields } from './schema.ts';

/**
 * When an activity happened (the timeline's one column). Calls, meetings and e-mails happened at
 * occurredAt and have neither due date nor status. A task is open (no occurredAt yet) or
 * completed at occurredAt, by default the moment it is completed; reopening clears occurredAt
 * unless the caller sets one, which an open task refuses.
 */
export function settleTiming(fields: ActivityFields, occurredAtGiven: boolean, now: Date): ActivityFields {
  if (fields.type !== 'task') {
    if (fields.occurredAt === null) throw invalidField('body.occurredAt', `required for a ${fields.type}`);
    if (fields.dueDate !== null) throw invalidField('body.dueDate', 'only tasks have a due date');
    if (fields.status !== null) throw invalidField('body.status', 'only tasks have a status');
    return fields;
  }
  const status = fields.status ?? 'open';
  if (status === 'completed') return { ...fields, status, occurredAt: fields.occurredAt ?? now.toISOString() };
  if (occurredAtGiven && fields.occurredAt !== null) {
    throw invalidField('body.occurredAt', 'an open task has not happened yet; set status completed to record when it was done');
  }
  return { ...fields, status, occurredAt: null };
}

type Links = Pick<ActivityFields, 'accountId' | 'contactId' | 'leadId' | 'opportunityId'>;

/**
 * Each linked record must exist and be visible to the actor (missing and invisible answer alike).
 * Only the links being set are checked: an update keeps an old link even if it was since hidden.
 */
export async function assertLinksUsable(tx: TxCtx, scope: OwnerScope, links: Partial<Links>): Promise<void> {
  if (links.accountId) await assertAccountUsable(tx, scope, links.accountId);
  if (links.contactId && !(await findContactRow(tx, scope, links.contactId))) {
    throw invalidField('body.contactId', 'unknown contact', `Contact ${links.contactId} does not exist or is not visible to you`);
  }
  if (links.leadId && !(await findLeadRow(tx, scope, links.leadId))) {
    throw invalidField('body.leadId', 'unknown lead', `Lead ${links.leadId} does not exist or is not visible to you`);
  }
  // No foreign key yet (the table was built concurrently), so this check is the only guard.
  if (links.opportunityId && !(await findOpportunity(tx, links.opportunityId))) {
    throw invalidField('body.opportunityId', 'unknown opportunity', `Opportunity ${links.opportunityId} does not exist or is not visible to you`);
  }
}
