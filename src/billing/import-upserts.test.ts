import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, countAuditEntries, countRows, makeAccount } from './fixtures.ts';
import {
  upsertImportedInvoice, upsertImportedPayment, upsertImportedSubscription, type ImportInvoiceInput, type ImportPaymentInput, type ImportSubscriptionInput,
} from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('import upserts keyed by (sourceSystem, externalId)', () => {
  let t: TestContext;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestContext();
    accountId = await makeAccount(t.ctx);
  });
  afterAll(() => t.close());

  const subscriptionInput = (overrides: Partial<ImportSubscriptionInput> = {}): ImportSubscriptionInput => ({
    sourceSystem: 'stripe', externalId: 'sub_123', accountId, currency: 'usd', startDate: '2025-06-01', planLabel: 'Pro',
    items: [{ itemKey: 'price_pro', quantity: 10, unitPriceMinor: 4900 }], ...overrides,
  });

  it('imports a subscription once: the same input again changes nothing and writes no audit entry', async () => {
    const first = await upsertImportedSubscription(t.ctx, subscriptionInput());
    expect(first.outcome).toBe('created');
    expect(first.record).toMatchObject({ sourceSystem: 'stripe', externalId: 'sub_123', status: 'active', endDate: null, version: 1 });
    t.clock.advance({ hours: 1 });
    const second = await upsertImportedSubscription(t.ctx, subscriptionInput());
    expect(second).toEqual({ outcome: 'unchanged', record: first.record });
    expect(await countRows(t.ctx, 'subscriptions')).toBe(1);
    expect(await countRows(t.ctx, 'subscription_items')).toBe(1);
    expect((await auditTrail(t.ctx, 'subscription', first.record.id)).map((entry) => entry.action)).toEqual(['import']);
  });

  it('updates a changed subscription with one audit entry; changed items get new versions, never rewrites', async () => {
    const changed = await upsertImportedSubscription(t.ctx, subscriptionInput({
      endDate: '2026-06-30', itemsChangedOnDate: '2025-09-01', items: [{ itemKey: 'price_pro', quantity: 12, unitPriceMinor: 4900 }],
    }));
    expect(changed.outcome).toBe('updated');
    // The source's last active day 30 June is stored as the exclusive end 1 July.
    expect(changed.record).toMatchObject({ endDate: '2026-07-01', status: 'active', version: 2 });
    expect(changed.record.itemVersions.map((v) => [v.quantity, v.effectiveFromDate, v.effectiveToDate])).toEqual([
      [10n, '2025-06-01', '2025-09-01'], [12n, '2025-09-01', null],
    ]);
    const trail = await auditTrail(t.ctx, 'subscription', changed.record.id);
    expect(trail.map((entry) => entry.action)).toEqual(['import', 'import']);
    expect(trail[1]?.before).toMatchObject({ endDate: null, version: 1 });
    expect(trail[1]?.after).toMatchObject({ endDate: '2026-07-01', version: 2 });
    expect((await upsertImportedSubscription(t.ctx, subscriptionInput({
      endDate: '2026-06-30', itemsChangedOnDate: '2025-09-01', items: [{ itemKey: 'price_pro', quantity: 12, unitPriceMinor: 4900 }],
    }))).outcome).toBe('unchanged');

    const exclusive = await upsertImportedSubscription(t.ctx, subscriptionInput({
      externalId: 'sub_456', endDate: '2026-01-15', endDateIsLastActiveDay: false, items: [],
    }));
    expect(exclusive.record).toMatchObject({ endDate: '2026-01-15', status: 'ended' });
    const currency = await appError(upsertImportedSubscription(t.ctx, subscriptionInput({ currency: 'EUR' })));
    expect(currency.fieldErrors.map((f) => f.field)).toEqual(['body.currency']);
    expect(await countAuditEntries(t.ctx, 'subscription')).toBe(3);
  });

  it('with the id its import key recorded: unchanged as before, and a subscription deleted since is reported, not re-created', async () => {
    const input = subscriptionInput({ externalId: 'sub_gone', items: [] });
    const created = await upsertImportedSubscription(t.ctx, input);
    expect(await upsertImportedSubscription(t.ctx, input, { recordedId: created.record.id })).toEqual({ outcome: 'unchanged', record: created.record });
    const changed = await upsertImportedSubscription(t.ctx, { ...input, planLabel: 'Team' }, { recordedId: created.record.id });
    expect(changed.outcome).toBe('updated');
    expect(changed.record).toMatchObject({ id: created.record.id, planLabel: 'Team', version: 2 });

    await sql`delete from subscriptions where id = ${created.record.id}`.execute(t.ctx.db);
    const subscriptions = await countRows(t.ctx, 'subscriptions');
    const audits = await countAuditEntries(t.ctx, 'subscription');
    const gone = await appError(upsertImportedSubscription(t.ctx, input, { recordedId: created.record.id }));
    expect({ code: gone.code, message: gone.message }).toEqual({ code: 'not_found', message: `subscription ${created.record.id} does not exist or is not visible to you` });
    // Checked first, as getSubscription was: an input that is also invalid still reports the deletion.
    expect((await appError(upsertImportedSubscription(t.ctx, { ...input, accountId: 'acct_missing' }, { recordedId: created.record.id }))).code).toBe('not_found');
    expect(await countRows(t.ctx, 'subscriptions')).toBe(subscriptions);
    expect(await countAuditEntries(t.ctx, 'subscription')).toBe(audits);
  });

  const invoiceInput = (overrides: Partial<ImportInvoiceInput> = {}): ImportInvoiceInput => ({
    sourceSystem: 'stripe', externalId: 'in_1', accountId, subscriptionExternalId: 'sub_123', number: 'ACME-0001', currency: 'USD',
    issueDate: '2025-06-01', dueDate: '2025-06-15', periodStartDate: '2025-06-01', periodEndDate: '2025-07-01',
    subtotalMinor: 49_000, taxMinor: 9_310,
    lines: [{ description: 'Pro × 10', quantity: 10, unitAmountMinor: 4900, amountMinor: 49_000, periodStartDate: '2025-06-01', periodEndDate: '2025-07-01' }],
    ...overrides,
  });

  it('imports an issued invoice, then only its payment progress may change', async () => {
    const created = await upsertImportedInvoice(t.ctx, invoiceInput());
    expect(created.outcome).toBe('created');
    expect(created.record).toMatchObject({
      status: 'issued', number: 'ACME-0001', totalMinor: 58_310n, amountPaidMinor: 0n, amountDueMinor: 58_310n, version: 1,
      lines: [{ lineNumber: 1, quantity: '10', amountMinor: 49_000n }],
    });
    expect(created.record.subscriptionId).toMatch(/^sub_/);
    expect((await upsertImportedInvoice(t.ctx, invoiceInput())).outcome).toBe('unchanged');

    const paid = await upsertImportedInvoice(t.ctx, invoiceInput({ status: 'paid', paidAt: '2025-06-10T08:00:00Z' }));
    expect(paid).toMatchObject({ outcome: 'updated', record: { status: 'paid', amountPaidMinor: 58_310n, amountDueMinor: 0n, paidAt: '2025-06-10T08:00:00.000Z', version: 2 } });
    expect((await auditTrail(t.ctx, 'invoice', created.record.id)).map((entry) => entry.action)).toEqual(['import', 'import']);

    const rewritten = await appError(upsertImportedInvoice(t.ctx, invoiceInput({ status: 'paid', subtotalMinor: 50_000, lines: [{ description: 'Pro × 10', quantity: 10, amountMinor: 50_000 }] })));
    expect(rewritten.code).toBe('business_rule_violated');
    expect(rewritten.fieldErrors.map((f) => f.field)).toEqual(['body.subtotalMinor', 'body.totalMinor', 'body.lines']);
    expect((await appError(upsertImportedInvoice(t.ctx, invoiceInput({ status: 'void' })))).fieldErrors.map((f) => f.field)).toEqual(['body.status']);
    const badTotal = await appError(upsertImportedInvoice(t.ctx, invoiceInput({ externalId: 'in_2', number: 'ACME-0002', totalMinor: 1 })));
    expect(badTotal.fieldErrors.map((f) => f.field)).toEqual(['body.totalMinor']);
    const badLines = await appError(upsertImportedInvoice(t.ctx, invoiceInput({ externalId: 'in_2', number: 'ACME-0002', subtotalMinor: 1 })));
    expect(badLines.fieldErrors.map((f) => f.field)).toEqual(['body.lines']);
    const clash = await appError(upsertImportedInvoice(t.ctx, invoiceInput({ externalId: 'in_2' })));
    expect(clash).toMatchObject({ code: 'conflict', fieldErrors: [{ field: 'body.number' }] });
    expect(await countAuditEntries(t.ctx, 'invoice')).toBe(2);
  });

  const paymentInput = (overrides: Partial<ImportPaymentInput> = {}): ImportPaymentInput => ({
    sourceSystem: 'stripe', externalId: 'py_1', accountId, amountMinor: 60_000, currency: 'USD', receivedAt: '2025-06-10T08:00:00+02:00',
    method: 'card', reference: 'ch_1', allocations: [{ invoiceExternalId: 'in_1', amountMinor: 58_310 }], ...overrides,
  });

  it('imports a payment with allocations by invoice external id, idempotently', async () => {
    const created = await upsertImportedPayment(t.ctx, paymentInput());
    expect(created).toMatchObject({ outcome: 'created', record: { status: 'succeeded', receivedAt: '2025-06-10T06:00:00.000Z', allocations: [{ amountMinor: 58_310n }] } });
    expect(created.record.allocations[0]?.invoiceId).toMatch(/^inv_/);
    expect((await upsertImportedPayment(t.ctx, paymentInput())).outcome).toBe('unchanged');
    const refunded = await upsertImportedPayment(t.ctx, paymentInput({ status: 'refunded' }));
    expect(refunded).toMatchObject({ outcome: 'updated', record: { status: 'refunded', version: 2 } });
    expect((await auditTrail(t.ctx, 'payment', created.record.id)).map((entry) => entry.action)).toEqual(['import', 'import']);

    const over = await appError(upsertImportedPayment(t.ctx, paymentInput({ externalId: 'py_2', amountMinor: 58_309 })));
    expect(over).toMatchObject({ code: 'business_rule_violated', fieldErrors: [{ field: 'body.allocations' }] });
    const unknown = await appError(upsertImportedPayment(t.ctx, paymentInput({ externalId: 'py_2', allocations: [{ invoiceExternalId: 'in_404', amountMinor: 1 }] })));
    expect(unknown.fieldErrors.map((f) => f.field)).toEqual(['body.allocations.0.invoiceExternalId']);
    const wrongCurrency = await appError(upsertImportedPayment(t.ctx, paymentInput({ externalId: 'py_2', currency: 'EUR' })));
    expect(wrongCurrency.fieldErrors[0]?.message).toMatch(/invoice is in USD/);
    const failed = await appError(upsertImportedPayment(t.ctx, paymentInput({ externalId: 'py_2', status: 'failed' })));
    expect(failed.code).toBe('business_rule_violated');
    expect(await countRows(t.ctx, 'payments')).toBe(1);
    expect(await countRows(t.ctx, 'payment_allocations')).toBe(1);
  });

  it('refuses a payment received after now, naming the field, and writes nothing', async () => {
    const now = t.ctx.clock.now();
    const later = now.add({ seconds: 1 }).toString();
    const before = await countRows(t.ctx, 'payments');
    const future = await appError(upsertImportedPayment(t.ctx, paymentInput({ externalId: 'py_future', receivedAt: later })));
    expect(future.fieldErrors).toEqual([{ field: 'body.receivedAt', message: expect.stringMatching(/is after now .*must have been received already/) }]);
    expect(await countRows(t.ctx, 'payments')).toBe(before);
    expect((await upsertImportedPayment(t.ctx, paymentInput({ externalId: 'py_now', receivedAt: now.toString() }))).outcome).toBe('created');
  });
});
