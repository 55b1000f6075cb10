import { changeOpportunityStage, createAccount, createCampaign, createLead, createOpportunity } from '../../crm/index.ts';
import type { FakeClock } from '../../shared/clock.ts';
import type { Ctx } from '../../shared/context.ts';
import { importSpendCsv } from '../import-plan-data.ts';

/** docs/metrics.md "Marketing": the spend file of the worked example. */
export const EXAMPLE_SPEND_CSV = [
  'date,kind,category,amount,currency',
  '2024-01,marketing,ads,300.00,USD',
  '2024-01,sales,salaries,200,USD',
  '2024-02-15,marketing,ads,400.00,usd',
].join('\n');

/**
 * Beside the subscription example: the spend file, a webinar (310.00, 20 Feb – 20 Mar 2024) that
 * sourced a 1,000.00 deal won on 10 March, and four leads created in January 2024. Moves the clock.
 */
export async function seedMarketingExample(ctx: Ctx, clock: FakeClock): Promise<{ webinarId: string; dealId: string }> {
  await importSpendCsv(ctx, EXAMPLE_SPEND_CSV);
  const webinar = await createCampaign(ctx, {
    name: 'Webinar', type: 'webinar', status: 'completed', startDate: '2024-02-20', endDate: '2024-03-20', actualCost: { amountMinor: 31_000, currency: 'USD' },
  });
  for (const [i, day] of ['02', '09', '16', '23'].entries()) {
    clock.set(`2024-01-${day}T10:00:00Z`);
    await createLead(ctx, { firstName: `Lead ${i + 1}`, email: `lead${i + 1}@example.com` });
  }
  const accountId = (await createAccount(ctx, { name: 'Webinar Co', currency: 'USD', segment: 'enterprise' })).id;
  clock.set('2024-02-25T10:00:00Z');
  const deal = await createOpportunity(ctx, { accountId, name: 'From the webinar', amount: { amountMinor: 100_000, currency: 'USD' }, stage: 'proposal', closeDate: '2024-03-10', campaignId: webinar.id });
  clock.set('2024-03-10T10:00:00Z');
  await changeOpportunityStage(ctx, { id: deal.id, expectedVersion: deal.version, stage: 'closed_won' });
  return { webinarId: webinar.id, dealId: deal.id };
}
