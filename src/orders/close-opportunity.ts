import { getOpportunity, listStages, updateOpportunity, type Opportunity } from '../crm/index.ts';
import type { TxCtx } from '../shared/context.ts';
import type { Money } from '../shared/money.ts';

/**
 * Moves the opportunity to the first active won stage (Closed Won) with the accepted amount, through
 * crm's own update, so its rules apply and its stage history is written. An opportunity already
 * won with that amount is left as it is (a no-op write writes nothing).
 */
export async function closeOpportunityWon(tx: TxCtx, opportunityId: string, amount: Money): Promise<Opportunity> {
  const won = (await listStages(tx, { kind: 'won', active: true })).data.sort((a, b) => a.sortOrder - b.sortOrder)[0];
  if (!won) throw new Error('the pipeline has no active won stage; an accepted quote cannot close its opportunity');
  const opportunity = await getOpportunity(tx, opportunityId);
  return updateOpportunity(tx, {
    id: opportunity.id,
    expectedVersion: opportunity.version,
    changes: { stage: won.key, amount: { amountMinor: amount.amountMinor.toString(), currency: amount.currency } },
  });
}
