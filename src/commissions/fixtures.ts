import { createAccount, createOpportunity } from '../crm/index.ts';
import { createUser } from '../identity/index.ts';
import type { Ctx } from '../shared/context.ts';
import type { CreatePlanInput } from './schema.ts';

let sequence = 0;

/** A sales rep (user) with an account and an opportunity they own. */
export async function makeRepWithDeal(ctx: Ctx, currency = 'USD'): Promise<{ repUserId: string; accountId: string; opportunityId: string }> {
  sequence += 1;
  const rep = await createUser(ctx, { email: `rep${sequence}.${Date.now()}@example.com`, displayName: `Rep ${sequence}`, role: 'sales_rep', locale: 'en' });
  const account = await createAccount(ctx, { name: `Commission customer ${sequence}`, currency, ownerUserId: rep.id });
  const opportunity = await createOpportunity(ctx, {
    accountId: account.id, name: `Deal ${sequence}`, amount: { amountMinor: 1_000_000, currency }, closeDate: '2026-02-01', ownerUserId: rep.id,
  });
  return { repUserId: rep.id, accountId: account.id, opportunityId: opportunity.id };
}

/** 10 % of first-year value on new business, 5 % of ACV on renewals, 8 % on expansions, 90-day clawback. */
export function makePlanInput(repUserIds: string[], overrides: Partial<CreatePlanInput> = {}): CreatePlanInput {
  return {
    name: 'AE plan FY26',
    effectiveFromDate: '2026-01-01',
    clawbackDays: 90,
    rates: [
      { dealType: 'new', rateBps: 1000 },
      { dealType: 'renewal', basis: 'acv', rateBps: 500 },
      { dealType: 'expansion', rateBps: 800 },
    ],
    repUserIds,
    ...overrides,
  };
}

/** A booking.recorded payload (orders' contract): a new deal booked 2026-02-01 unless told. */
export function makeBookingRecorded(deal: { accountId: string; opportunityId: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    bookingId: `bkg_test${sequence}`, orderId: `ord_test${sequence}`, quoteId: `quo_test${sequence}`, opportunityId: deal.opportunityId,
    accountId: deal.accountId, ownerUserId: null, bookingType: 'new', currency: 'USD', tcvMinor: '738005', acvMinor: '738005',
    firstYearMinor: '738005', arrChangeMinor: '588005',
    lines: [{ productFamily: 'platform', acvMinor: '588005', firstYearMinor: '588005' }, { productFamily: 'services', acvMinor: '150000', firstYearMinor: '150000' }],
    bookedDate: '2026-02-01', ...overrides,
  };
}
