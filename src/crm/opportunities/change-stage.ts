import type { Ctx } from '../../shared/context.ts';
import type { ForecastCategory } from '../pipeline/index.ts';
import type { Opportunity } from './schema.ts';
import { updateOpportunity } from './update-opportunity.ts';

export type ChangeStageRequest = {
  id: string;
  expectedVersion: number;
  stage: string;
  lostReason?: string | null | undefined;
  probabilityBps?: number | undefined;
  forecastCategory?: ForecastCategory | undefined;
};

/** POST /opportunities/:id/stage: the same rules as a PATCH of `stage`, named for what it does. */
export async function changeOpportunityStage(ctx: Ctx, request: ChangeStageRequest): Promise<Opportunity> {
  const { id, expectedVersion, ...move } = request;
  const changes = Object.fromEntries(Object.entries(move).filter(([, value]) => value !== undefined));
  return updateOpportunity(ctx, { id, expectedVersion, changes });
}
