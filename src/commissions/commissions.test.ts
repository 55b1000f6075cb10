import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { withActor } from '../shared/context.ts';
import { registerSubscriber } from '../shared/events/index.ts';
import { dispatchAll, publishTestEvent } from '../billing/from-order/fixtures.ts';
import { createPlan } from './create-plan.ts';
import { deletePlan } from './delete-plan.ts';
import { makeBookingRecorded, makePlanInput, makeRepWithDeal } from './fixtures.ts';
import { getStatement } from './get-statement.ts';
import { commissionSubscribers } from './on-events.ts';
import { updatePlan } from './update-plan.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  for (const subscriber of commissionSubscribers) registerSubscriber(subscriber);
});
afterAll(() => t.close());

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function book(payload: Record<string, unknown>) {
  await publishTestEvent(t.ctx, 'booking.recorded', String(payload['bookingId']), payload);
  await dispatchAll(t.ctx);
}

describe('comp plans', () => {
  it('refuses overlapping plans for one rep, unknown reps and bad rates, naming the field', async () => {
    const { repUserId } = await makeRepWithDeal(t.ctx);
    const plan = await createPlan(t.ctx, makePlanInput([repUserId], { effectiveToDate: '2027-01-01' }));
    expect(plan).toMatchObject({ id: expect.stringMatching(/^cpl_/), clawbackDays: 90, repUserIds: [repUserId], version: 1 });
    expect(plan.rates[0]).toEqual({ dealType: 'new', productFamily: null, basis: 'first_year', rateBps: 1000 });
    const overlap = await appError(createPlan(t.ctx, makePlanInput([repUserId], { effectiveFromDate: '2026-12-01' })));
    expect([overlap.code, overlap.fieldErrors[0]?.field]).toEqual(['conflict', 'body.repUserIds.0']);
    // Adjacent (half-open) ranges do not overlap.
    await expect(createPlan(t.ctx, makePlanInput([repUserId], { effectiveFromDate: '2027-01-01' }))).resolves.toMatchObject({ repUserIds: [repUserId] });
    const unknown = await appError(createPlan(t.ctx, makePlanInput(['usr_nobody'], { effectiveFromDate: '2030-01-01' })));
    expect(unknown.fieldErrors).toEqual([{ field: 'body.repUserIds.0', message: 'no user usr_nobody' }]);
    const twice = await appError(createPlan(t.ctx, makePlanInput([], { rates: [{ dealType: 'new', rateBps: 100 }, { dealType: 'new', rateBps: 200 }] })));
    expect(twice.fieldErrors.map((f) => f.field)).toEqual(['body.rates']);
    const updated = await updatePlan(t.ctx, plan.id, { clawbackDays: 60, version: 1 });
    expect(updated).toMatchObject({ clawbackDays: 60, version: 2 });
    expect((await appError(updatePlan(t.ctx, plan.id, { name: 'x', version: 1 }))).code).toBe('version_conflict');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', plan.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});

describe('accrual on booking.recorded', () => {
  let deal: Awaited<ReturnType<typeof makeRepWithDeal>>;
  let planId: string;
  beforeAll(async () => {
    deal = await makeRepWithDeal(t.ctx);
    planId = (await createPlan(t.ctx, makePlanInput([deal.repUserId]))).id;
  });

  it('accrues 10 % of first-year value for the opportunity owner, exact to the cent, once per booking', async () => {
    const booking = makeBookingRecorded(deal);
    await book(booking);
    await book({ ...booking }); // the same booking delivered as a second event: nothing more
    const statement = await getStatement(t.ctx, { repId: deal.repUserId, period: '2026-02' });
    expect(statement.entries).toHaveLength(1);
    // 10 % × (5 880.05 + 1 500.00) = 738.005 → 738.01 (half-up, once); lines split it by largest remainder.
    expect(statement.entries[0]).toMatchObject({
      kind: 'accrual', repUserId: deal.repUserId, planId, bookingId: booking['bookingId'], dealType: 'new', currency: 'USD', amountMinor: 73_801n,
      earnedDate: '2026-02-01', opportunityId: deal.opportunityId,
      lines: [
        { lineNumber: 1, productFamily: 'platform', basis: 'first_year', basisMinor: 588_005n, rateBps: 1000, amountMinor: 58_801n },
        { lineNumber: 2, productFamily: 'services', basis: 'first_year', basisMinor: 150_000n, rateBps: 1000, amountMinor: 15_000n },
      ],
    });
    expect(statement.totals).toEqual([{ currency: 'USD', accruedMinor: 73_801n, clawedBackMinor: 0n, netMinor: 73_801n }]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_type', '=', 'commission_entry').where('entity_id', '=', statement.entries[0]!.id).execute();
    expect(audit).toEqual([{ action: 'accrue', actor_id: 'system' }]);
    // The audited entry is the entry as stored, lines in line order.
    const audited = await t.ctx.db.selectFrom('audit_log').select('after').where('entity_type', '=', 'commission_entry').where('entity_id', '=', statement.entries[0]!.id).executeTakeFirstOrThrow();
    expect(audited.after).toMatchObject({
      amountMinor: '73801', lines: [{ lineNumber: 1, basisMinor: '588005', amountMinor: '58801' }, { lineNumber: 2, basisMinor: '150000', amountMinor: '15000' }],
    });
    expect((await appError(deletePlan(t.ctx, planId))).code).toBe('conflict');
  });

  it('pays renewals 5 % of ACV and accrues nothing for a rep without a plan', async () => {
    await book(makeBookingRecorded(deal, { bookingType: 'renewal', bookedDate: '2026-03-10', lines: [{ productFamily: 'platform', acvMinor: '480000', firstYearMinor: '600000' }] }));
    const march = await getStatement(t.ctx, { repId: deal.repUserId, period: '2026-03' });
    expect(march.entries.map((e) => [e.dealType, e.amountMinor])).toEqual([['renewal', 24_000n]]);
    const planless = await makeRepWithDeal(t.ctx);
    await book(makeBookingRecorded(planless));
    expect((await getStatement(t.ctx, { repId: planless.repUserId, period: '2026-02' })).entries).toEqual([]);
  });

  it('shows a rep only their own statement', async () => {
    const rep = { kind: 'user' as const, id: deal.repUserId, role: 'sales_rep' as const, teamId: null, displayName: 'Rep' };
    await expect(getStatement(withActor(t.ctx, rep), { repId: deal.repUserId, period: '2026-02' })).resolves.toMatchObject({ repUserId: deal.repUserId });
    expect((await appError(getStatement(withActor(t.ctx, rep), { repId: 'usr_other', period: '2026-02' }))).code).toBe('forbidden');
    expect((await appError(getStatement(t.ctx, { repId: deal.repUserId, period: '2026-13' }))).fieldErrors[0]?.field).toBe('querystring.period');
  });
});
