import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { findStage, listStages, type Stage } from '../pipeline/index.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { findCampaignRow } from '../campaigns/repo.ts';
import { findAccountRow } from '../repo.ts';

/**
 * The account must be live and visible to the actor (missing and invisible give the same answer,
 * so an id cannot probe outside the scope). Share-locked, so a concurrent account delete waits.
 */
export async function assertAccountUsable(tx: TxCtx, scope: OwnerScope, accountId: string): Promise<void> {
  if (await findAccountRow(tx, scope, accountId, 'share')) return;
  throw new AppError('validation_failed', `Account ${accountId} does not exist or is not visible to you`, {
    fieldErrors: [{ field: 'body.accountId', message: 'unknown account' }],
  });
}

/**
 * The source campaign must be live (campaigns are visible to all); share-locked so a concurrent
 * campaign delete waits. Checked here so the answer names the field; the foreign key
 * opportunities_campaign_id_fkey (migration 202611230120) is the backstop.
 */
export async function assertCampaignUsable(tx: TxCtx, campaignId: string): Promise<void> {
  if (await findCampaignRow(tx, campaignId, 'share')) return;
  throw new AppError('validation_failed', `Campaign ${campaignId} does not exist`, {
    fieldErrors: [{ field: 'body.campaignId', message: 'unknown campaign' }],
  });
}

/** The named stage, or (none named) the first active open stage of the pipeline. */
export async function resolveStage(tx: TxCtx, key: string | undefined): Promise<Stage> {
  if (key === undefined) {
    const [first] = (await listStages(tx, { active: true, kind: 'open' })).data;
    if (first) return first;
    throw new AppError('business_rule_violated', 'The pipeline has no active open stage; name a stage or activate one');
  }
  return requireStage(tx, await findStage(tx, key), key);
}

/** The stage found for `key`, or the field error for an unknown one, naming the stages there are. */
export async function requireStage(tx: TxCtx, stage: Stage | null, key: string): Promise<Stage> {
  if (stage) return stage;
  const keys = (await listStages(tx, {})).data.map((s) => s.key);
  throw new AppError('validation_failed', `There is no pipeline stage ${JSON.stringify(key)}`, {
    fieldErrors: [{ field: 'body.stage', message: `unknown stage; the stages are ${keys.join(', ')}` }],
  });
}
