import { cancelSubscription, changeSubscriptionItems, createSubscription } from '../../billing/index.ts';
import { createAccount, createOpportunity, recordStageHistory } from '../../crm/index.ts';
import type { Ctx } from '../../shared/context.ts';

/**
 * The worked example of docs/metrics.md, written through the services: five customers over
 * 2023-06 … 2024-04 (USD). Month-end MRR: Dec 327.00, Jan 377.00, Feb 657.00, Mar 437.00, Apr 587.00.
 */
export async function seedSubscriptionExample(ctx: Ctx): Promise<Record<'acme' | 'bravo' | 'cobalt' | 'delta' | 'echo', string>> {
  const account = async (name: string, segment: string) => (await createAccount(ctx, { name, segment, currency: 'USD', country: 'US' })).id;
  const ids = { acme: await account('Acme', 'smb'), bravo: await account('Bravo', 'enterprise'), cobalt: await account('Cobalt', 'smb'), delta: await account('Delta', 'smb'), echo: await account('Echo', 'enterprise') };
  // Acme: 1 seat at 100.00 a month and support at 90.00 a quarter, 10 % off (27.00 a month); 3 seats from 15 Feb.
  const acme = await createSubscription(ctx, { accountId: ids.acme, currency: 'USD', startDate: '2023-11-01', planLabel: 'Pro', items: [
    { itemKey: 'seat', quantity: 1, unitPriceMinor: 10_000 },
    { itemKey: 'support', quantity: 1, unitPriceMinor: 9_000, billingIntervalMonths: 3, discountBps: 1_000 },
  ] });
  await changeSubscriptionItems(ctx, { id: acme.id, effectiveDate: '2024-02-15', changes: [{ action: 'update', itemKey: 'seat', quantity: 3 }] });
  // Bravo: 2,400.00 a year (200.00 a month), last day of service 20 March 2024.
  const bravo = await createSubscription(ctx, { accountId: ids.bravo, currency: 'USD', startDate: '2023-12-10', planLabel: 'Enterprise', items: [
    { itemKey: 'platform', quantity: 1, unitPriceMinor: 240_000, billingIntervalMonths: 12 },
  ] });
  await cancelSubscription(ctx, { id: bravo.id, cancelDate: '2024-03-21' });
  // Cobalt: 50.00 a month plus a 500.00 set-up fee (one-time: no MRR); 30.00 from 1 March.
  const cobalt = await createSubscription(ctx, { accountId: ids.cobalt, currency: 'USD', startDate: '2024-01-05', planLabel: 'Basic', items: [
    { itemKey: 'seat', quantity: 1, unitPriceMinor: 5_000 },
    { itemKey: 'setup', kind: 'one_time', quantity: 1, unitPriceMinor: 50_000 },
  ] });
  await changeSubscriptionItems(ctx, { id: cobalt.id, effectiveDate: '2024-03-01', changes: [{ action: 'update', itemKey: 'seat', unitPriceMinor: 3_000 }] });
  // Delta: trial from 10 January to 9 February, then 80.00 a month.
  await createSubscription(ctx, { accountId: ids.delta, currency: 'USD', startDate: '2024-01-10', trialEndDate: '2024-02-10', planLabel: 'Pro', items: [
    { itemKey: 'seat', quantity: 1, unitPriceMinor: 8_000 },
  ] });
  // Echo: 120.00 a month June–September 2023, back at 150.00 from April 2024.
  await createSubscription(ctx, { accountId: ids.echo, currency: 'USD', startDate: '2023-06-01', endDate: '2023-10-01', planLabel: 'Enterprise', items: [
    { itemKey: 'platform', quantity: 1, unitPriceMinor: 12_000 },
  ] });
  await createSubscription(ctx, { accountId: ids.echo, currency: 'USD', startDate: '2024-04-01', planLabel: 'Enterprise', items: [
    { itemKey: 'platform', quantity: 1, unitPriceMinor: 15_000 },
  ] });
  return ids;
}

type Deal = { name: string; won: boolean; amountMinor: number; firstStageDate: string; closeDate: string; currency?: string; ownerUserId?: string | null };

/** The pipeline example: four deals closed in March 2024 (three won) and one in April. */
export const EXAMPLE_DEALS: readonly Deal[] = [
  { name: 'O1', won: true, amountMinor: 1_000_000, firstStageDate: '2024-01-02', closeDate: '2024-03-01' },
  { name: 'O2', won: true, amountMinor: 500_000, firstStageDate: '2024-02-15', closeDate: '2024-03-15' },
  { name: 'O3', won: false, amountMinor: 2_000_000, firstStageDate: '2024-01-20', closeDate: '2024-03-20' },
  { name: 'O4', won: true, amountMinor: 200_000, firstStageDate: '2024-03-01', closeDate: '2024-03-31' },
  { name: 'O5', won: true, amountMinor: 300_000, firstStageDate: '2024-03-10', closeDate: '2024-04-02' },
];

/** A closed opportunity as an import writes it: created closed, with its stage history from the source. */
export async function seedDeal(ctx: Ctx, accountId: string, deal: Deal): Promise<string> {
  const stage = deal.won ? 'closed_won' : 'closed_lost';
  const closedAt = `${deal.closeDate}T12:00:00Z`;
  const opportunity = await createOpportunity(ctx, {
    accountId, name: deal.name, amount: { amountMinor: deal.amountMinor, currency: deal.currency ?? 'USD' }, stage, closeDate: deal.closeDate, closedAt,
    ...(deal.won ? {} : { lostReason: 'price' }), ...(deal.ownerUserId === undefined ? {} : { ownerUserId: deal.ownerUserId }),
  });
  await recordStageHistory(ctx, opportunity.id, [
    { stage: 'discovery', enteredAt: `${deal.firstStageDate}T09:00:00Z`, leftAt: closedAt },
    { stage, enteredAt: closedAt },
  ]);
  return opportunity.id;
}
