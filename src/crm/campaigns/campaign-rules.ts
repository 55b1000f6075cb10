import type { TxCtx } from '../../shared/context.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { invalidField } from '../contacts/record-writes.ts';
import { isOwnerInScope, type OwnerScope } from '../owner-scope.ts';
import { findCampaignRow, wouldCreateCampaignCycle } from './repo.ts';
import type { CampaignFields } from './schema.ts';

/**
 * Campaigns are visible to every reading role, but a rep or manager changes only the campaigns
 * their team owns (the same owner rule as accounts, applied to writes only).
 */
export function assertCampaignWritable(scope: OwnerScope, campaign: { id: string; owner_user_id: string | null }): void {
  if (isOwnerInScope(scope, campaign.owner_user_id)) return;
  throw forbidden(`Campaign ${campaign.id} is not owned by you or your team; ask its owner to change it`);
}

/** Budget and actual cost share the campaign's one currency: adding them up must never mix. */
export function assertOneCurrency(fields: Pick<CampaignFields, 'budget' | 'actualCost'>): void {
  const { budget, actualCost } = fields;
  if (budget === null || actualCost === null || budget.currency === actualCost.currency) return;
  throw invalidField('body.actualCost.currency', `must be ${budget.currency}, the currency of the budget`);
}

/** YYYY-MM-DD strings (parsePlainDate has checked them) order like the dates they name. */
export function assertDatesOrdered(fields: Pick<CampaignFields, 'startDate' | 'endDate'>): void {
  if (fields.startDate === null || fields.endDate === null || fields.endDate >= fields.startDate) return;
  throw invalidField('body.endDate', 'must be on or after startDate (endDate is the last day, inclusive)');
}

/** The parent is a live campaign; re-parenting must not close a loop (caller holds the hierarchy lock). */
export async function assertParentCampaignUsable(tx: TxCtx, parentId: string, childId?: string): Promise<void> {
  const parent = await findCampaignRow(tx, parentId, 'share');
  if (!parent) throw invalidField('body.parentCampaignId', 'unknown campaign', `Parent campaign ${parentId} does not exist`);
  if (childId !== undefined && (parentId === childId || (await wouldCreateCampaignCycle(tx, childId, parentId)))) {
    throw new AppError('business_rule_violated', `Campaign ${parentId} is ${childId} itself or one of its sub-campaigns`, {
      fieldErrors: [{ field: 'body.parentCampaignId', message: 'would make the hierarchy a loop' }],
    });
  }
}
