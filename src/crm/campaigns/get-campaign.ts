import type { Ctx } from '../../shared/context.ts';
import { findCampaignRow, getCampaignRow, toCampaign } from './repo.ts';
import type { Campaign } from './schema.ts';

/** A live campaign; every reading role sees every campaign. */
export async function getCampaign(ctx: Ctx, id: string): Promise<Campaign> {
  return toCampaign(await getCampaignRow(ctx, id));
}

export async function findCampaign(ctx: Ctx, id: string): Promise<Campaign | null> {
  const row = await findCampaignRow(ctx, id);
  return row ? toCampaign(row) : null;
}
