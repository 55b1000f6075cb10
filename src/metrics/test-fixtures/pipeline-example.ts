import { createAccount, createOpportunity, recordStageHistory } from '../../crm/index.ts';
import type { Ctx } from '../../shared/context.ts';
import { EXAMPLE_DEALS, seedDeal } from './worked-example.ts';

type OpenDeal = { name: string; amountMinor: number; closeDate: string; stays: Array<{ stage: string; enteredAt: string }> };

/** Open opportunities of the sales example (docs/metrics.md "Pipeline"), each with its stays (the last is current). */
export const EXAMPLE_OPEN_DEALS: readonly OpenDeal[] = [
  { name: 'P1', amountMinor: 800_000, closeDate: '2024-04-15', stays: [{ stage: 'prospecting', enteredAt: '2024-02-01T09:00:00Z' }, { stage: 'proposal', enteredAt: '2024-03-05T09:00:00Z' }] },
  { name: 'P2', amountMinor: 400_000, closeDate: '2024-05-20', stays: [{ stage: 'qualification', enteredAt: '2024-03-20T09:00:00Z' }] },
  { name: 'P3', amountMinor: 600_000, closeDate: '2024-04-30', stays: [{ stage: 'discovery', enteredAt: '2024-04-10T09:00:00Z' }] },
];

/** The closed deals O1–O5 and the open P1–P3 on one account (segment smb); returns the ids by name. */
export async function seedPipelineExample(ctx: Ctx): Promise<Record<string, string>> {
  const accountId = (await createAccount(ctx, { name: 'Pipeline Co', segment: 'smb', currency: 'USD' })).id;
  const ids: Record<string, string> = {};
  for (const deal of EXAMPLE_DEALS) ids[deal.name] = await seedDeal(ctx, accountId, deal);
  for (const deal of EXAMPLE_OPEN_DEALS) {
    const current = deal.stays[deal.stays.length - 1]?.stage ?? 'prospecting';
    const opportunity = await createOpportunity(ctx, { accountId, name: deal.name, amount: { amountMinor: deal.amountMinor, currency: 'USD' }, stage: current, closeDate: deal.closeDate });
    await recordStageHistory(ctx, opportunity.id, deal.stays.map((stay, i) => ({ stage: stay.stage, enteredAt: stay.enteredAt, leftAt: deal.stays[i + 1]?.enteredAt ?? null })));
    ids[deal.name] = opportunity.id;
  }
  return ids;
}
