import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, makeAccount, makeItemInput, makeSubscriptionInput } from './fixtures.ts';
import { cancelSubscription, changeSubscriptionItems, createSubscription, getSubscription, pauseSubscription, resumeSubscription } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const fields = (error: AppError) => error.fieldErrors.map((f) => f.field);
const spans = (detail: { itemVersions: Array<{ itemKey: string; quantity: bigint; effectiveFromDate: string; effectiveToDate: string | null }> }) =>
  detail.itemVersions.map((v) => [v.itemKey, v.quantity, v.effectiveFromDate, v.effectiveToDate]);

describe('subscription services', () => {
  let t: TestContext;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestContext();
    accountId = await makeAccount(t.ctx);
  });
  afterAll(() => t.close());

  it('creates a subscription with its first item versions from the start date, audited once', async () => {
    const created = await createSubscription(t.ctx, makeSubscriptionInput(accountId, {
      startDate: '2026-01-31', planLabel: 'Pro',
      items: [makeItemInput(), makeItemInput({ itemKey: 'setup', kind: 'one_time', quantity: 1, unitPriceMinor: '50000', description: 'Onboarding' })],
    }));
    const stamps = { createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z' };
    expect(created).toEqual({
      id: expect.stringMatching(/^sub_[0-9A-Z]{26}$/), accountId, currency: 'USD', status: 'active', planLabel: 'Pro',
      startDate: '2026-01-31', trialEndDate: null, endDate: null, cancelDate: null, canceledAt: null, billingMode: 'anniversary',
      billingAnchorDate: '2026-01-31', autoRenew: true, sourceSystem: null, externalId: null, ...stamps, version: 1, pauses: [],
      itemVersions: [
        { id: expect.any(String), itemKey: 'pro-seat', currency: 'USD', description: null, kind: 'recurring', quantity: 10n, unitPriceMinor: 4900n,
          unitPriceDecimal: null, discountBps: 0, billingIntervalMonths: 1, timing: 'in_advance', effectiveFromDate: '2026-01-31', effectiveToDate: null, ...stamps },
        { id: expect.any(String), itemKey: 'setup', currency: 'USD', description: 'Onboarding', kind: 'one_time', quantity: 1n, unitPriceMinor: 50000n,
          unitPriceDecimal: null, discountBps: 0, billingIntervalMonths: null, timing: 'in_advance', effectiveFromDate: '2026-01-31', effectiveToDate: null, ...stamps },
      ],
    });
    expect(await getSubscription(t.ctx, created.id)).toEqual(created);
    const trail = await auditTrail(t.ctx, 'subscription', created.id);
    expect(trail.map((entry) => [entry.action, entry.before])).toEqual([['create', null]]);
    expect(trail[0]?.after).toMatchObject({ id: created.id, itemVersions: [{ quantity: '10', unitPriceMinor: '4900' }, { itemKey: 'setup' }] });
  });

  it('answers a new subscription\'s items in the order a read gives them, whatever order they came in', async () => {
    const created = await createSubscription(t.ctx, makeSubscriptionInput(accountId, {
      items: [makeItemInput({ itemKey: 'zeta-seat' }), makeItemInput({ itemKey: 'alpha-seat' }), makeItemInput({ itemKey: 'mid-seat' })],
    }));
    expect(created.itemVersions.map((version) => version.itemKey)).toEqual(['alpha-seat', 'mid-seat', 'zeta-seat']);
    expect(await getSubscription(t.ctx, created.id)).toEqual(created);
    const trail = await auditTrail(t.ctx, 'subscription', created.id);
    expect(trail[0]?.after).toMatchObject({ itemVersions: [{ itemKey: 'alpha-seat' }, { itemKey: 'mid-seat' }, { itemKey: 'zeta-seat' }] });
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const bad = await appError(createSubscription(t.ctx, makeSubscriptionInput(accountId, {
      currency: 'usdx', items: [makeItemInput({ quantity: -1, discountBps: 10_001 })],
    })));
    expect(bad.code).toBe('validation_failed');
    expect(fields(bad)).toEqual(['body.currency', 'body.items.0.quantity', 'body.items.0.discountBps']);
    const twice = await appError(createSubscription(t.ctx, makeSubscriptionInput(accountId, { items: [makeItemInput(), makeItemInput()] })));
    expect(fields(twice)).toEqual(['body.items.1.itemKey']);
    const usage = await appError(createSubscription(t.ctx, makeSubscriptionInput(accountId, { items: [makeItemInput({ kind: 'usage', timing: 'in_advance' })] })));
    expect(usage.message).toMatch(/usage is billed in arrears/);
    expect(fields(await appError(createSubscription(t.ctx, makeSubscriptionInput('acct_missing'))))).toEqual(['body.accountId']);
    expect(fields(await appError(createSubscription(t.ctx, makeSubscriptionInput(accountId, { trialEndDate: '2026-01-15' }))))).toEqual(['body.trialEndDate']);
  });

  it('keeps a usage price below one cent exact and stores its half-up rounding beside it', async () => {
    const created = await createSubscription(t.ctx, makeSubscriptionInput(accountId, {
      items: [{ itemKey: 'api-calls', kind: 'usage', quantity: 0, unitPriceDecimal: '0.0050' }],
    }));
    expect(created.itemVersions[0]).toMatchObject({ unitPriceDecimal: '0.005', unitPriceMinor: 1n, timing: 'in_arrears', billingIntervalMonths: 1 });
  });

  it('changes items at an effective date: the current versions close and new ones open', async () => {
    const { id } = await createSubscription(t.ctx, makeSubscriptionInput(accountId));
    t.clock.advance({ minutes: 1 });
    const changed = await changeSubscriptionItems(t.ctx, {
      id, expectedVersion: 1, effectiveDate: '2026-03-01',
      changes: [
        { action: 'update', itemKey: 'pro-seat', quantity: 15 },
        { action: 'add', itemKey: 'support', quantity: 1, unitPriceMinor: 120000, billingIntervalMonths: 12, discountBps: 1000 },
      ],
    });
    expect(changed.version).toBe(2);
    expect(spans(changed)).toEqual([
      ['pro-seat', 10n, '2026-01-15', '2026-03-01'],
      ['pro-seat', 15n, '2026-03-01', null],
      ['support', 1n, '2026-03-01', null],
    ]);
    expect(changed.itemVersions[0]?.updatedAt).toBe('2026-01-15T09:01:00.000Z');
    expect(changed.itemVersions[1]).toMatchObject({ unitPriceMinor: 4900n, billingIntervalMonths: 1, createdAt: '2026-01-15T09:01:00.000Z' });

    const backwards = await appError(changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-02-01', changes: [{ action: 'remove', itemKey: 'pro-seat' }] }));
    expect(backwards.code).toBe('business_rule_violated');
    expect(backwards.fieldErrors).toEqual([{ field: 'body.changes.0.itemKey', message: expect.stringMatching(/starts on 2026-03-01/) }]);
    const sameDay = await appError(changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-03-01', changes: [{ action: 'update', itemKey: 'support', quantity: 2 }] }));
    expect(sameDay.code).toBe('business_rule_violated');
    const again = await appError(changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-04-01', changes: [{ action: 'add', ...makeItemInput({ itemKey: 'support' }) }] }));
    expect(again.fieldErrors[0]?.message).toMatch(/already exists/);
    const beforeStart = await appError(changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-01-01', changes: [{ action: 'remove', itemKey: 'support' }] }));
    expect(fields(beforeStart)).toEqual(['body.effectiveDate']);
    const stale = await appError(changeSubscriptionItems(t.ctx, { id, expectedVersion: 1, effectiveDate: '2026-05-01', changes: [{ action: 'remove', itemKey: 'support' }] }));
    expect(stale.code).toBe('version_conflict');

    await changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-06-01', changes: [{ action: 'remove', itemKey: 'support' }] });
    const overlap = await appError(changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-05-01', changes: [{ action: 'add', ...makeItemInput({ itemKey: 'support' }) }] }));
    expect(overlap.fieldErrors[0]?.message).toMatch(/until 2026-06-01.*may not overlap/);
    const readded = await changeSubscriptionItems(t.ctx, { id, effectiveDate: '2026-06-01', changes: [{ action: 'add', ...makeItemInput({ itemKey: 'support', quantity: 3 }) }] });
    expect(spans(readded).filter(([key]) => key === 'support')).toEqual([['support', 1n, '2026-03-01', '2026-06-01'], ['support', 3n, '2026-06-01', null]]);
    expect((await auditTrail(t.ctx, 'subscription', id)).map((entry) => entry.action)).toEqual(['create', 'change_items', 'change_items', 'change_items']);
  });

  it('cancels on a date, at period end (anchor clamped to month end) or immediately', async () => {
    t.clock.set('2026-01-15T09:00:00Z');
    const onDate = await createSubscription(t.ctx, makeSubscriptionInput(accountId));
    const canceled = await cancelSubscription(t.ctx, { id: onDate.id, cancelDate: '2026-05-10' });
    expect(canceled).toMatchObject({ endDate: '2026-05-10', cancelDate: '2026-05-10', canceledAt: '2026-01-15T09:00:00.000Z', status: 'active', autoRenew: false, version: 2 });
    expect((await appError(cancelSubscription(t.ctx, { id: onDate.id }))).code).toBe('conflict');

    const anniversary = await createSubscription(t.ctx, makeSubscriptionInput(accountId, { startDate: '2026-01-31' }));
    t.clock.set('2026-03-10T12:00:00Z');
    // Periods from 31 January: [01-31, 02-28), [02-28, 03-31) — the 10 March period ends on the 31st.
    expect((await cancelSubscription(t.ctx, { id: anniversary.id, atPeriodEnd: true })).endDate).toBe('2026-03-31');

    const calendar = await createSubscription(t.ctx, makeSubscriptionInput(accountId, {
      startDate: '2026-02-10', billingMode: 'calendar', items: [makeItemInput({ billingIntervalMonths: 3 })],
    }));
    expect(calendar.billingAnchorDate).toBe('2026-01-01');
    expect((await cancelSubscription(t.ctx, { id: calendar.id, atPeriodEnd: true })).endDate).toBe('2026-04-01');

    const now = await createSubscription(t.ctx, makeSubscriptionInput(accountId));
    expect(await cancelSubscription(t.ctx, { id: now.id })).toMatchObject({ endDate: '2026-03-10', status: 'canceled' });
    const tooLate = await createSubscription(t.ctx, makeSubscriptionInput(accountId, { endDate: '2026-04-01' }));
    expect(fields(await appError(cancelSubscription(t.ctx, { id: tooLate.id, cancelDate: '2026-04-01' })))).toEqual(['body.cancelDate']);
    expect(fields(await appError(cancelSubscription(t.ctx, { id: tooLate.id, cancelDate: '2026-01-01' })))).toEqual(['body.cancelDate']);
    t.clock.set('2026-01-15T09:00:00Z');
  });

  it('pauses and resumes without touching item versions', async () => {
    const { id } = await createSubscription(t.ctx, makeSubscriptionInput(accountId));
    const paused = await pauseSubscription(t.ctx, { id, pauseDate: '2026-01-15' });
    expect(paused).toMatchObject({ status: 'paused', pauses: [{ startDate: '2026-01-15', endDate: null }], version: 2 });
    expect((await appError(pauseSubscription(t.ctx, { id, pauseDate: '2026-02-01' }))).code).toBe('business_rule_violated');
    const resumed = await resumeSubscription(t.ctx, { id, resumeDate: '2026-02-01' });
    expect(resumed).toMatchObject({ status: 'paused', pauses: [{ startDate: '2026-01-15', endDate: '2026-02-01' }], version: 3 });
    expect(resumed.itemVersions).toEqual(paused.itemVersions);
    expect((await appError(resumeSubscription(t.ctx, { id, resumeDate: '2026-03-01' }))).code).toBe('business_rule_violated');
  });
});
