import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { upsertImportedInvoice } from '../billing/index.ts';
import { outboxMailer, recordPayment, runDunning } from '../payments/index.ts';
import os from 'node:os';
import path from 'node:path';
import { updatePriceBook } from '../catalog/index.ts';
import type { Actor } from '../shared/access.ts';
import { withActor } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { createOpportunity, type OpportunityType } from '../crm/index.ts';
import { createQuote, createValidationRule, evaluateRule, listValidationRules, overrideValidation, submitQuote, updateValidationRule } from './index.ts';
import { auditTrail, makeActor, makeBook, makeDeal, makePricedProduct } from './test-fixtures/seed.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('validation rules at submit', () => {
  let t: TestContext;
  let bookId = '';
  let seatId = '';
  let finance: Actor;
  let invoiceNumber = 0;

  /** An issued, unpaid invoice of the account, due on `dueDate` (the clock says 2026-01-15). */
  async function overdueInvoice(accountId: string, dueDate: string): Promise<void> {
    invoiceNumber += 1;
    await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'legacy', externalId: `inv-${invoiceNumber}`, accountId, number: `INV-${invoiceNumber}`, currency: 'EUR',
      issueDate: '2025-11-01', dueDate, subtotalMinor: 125_000,
    });
  }
  async function quoteOn(type: OpportunityType, options: { dueDate?: string; priceBookId?: string } = {}) {
    const deal = await makeDeal(t.ctx, { type });
    if (options.dueDate) await overdueInvoice(deal.accountId, options.dueDate);
    return createQuote(t.ctx, { opportunityId: deal.opportunityId, priceBookId: options.priceBookId ?? bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seatId, quantity: 1 }] });
  }

  async function makeDealFor(accountId: string) {
    const opportunity = await createOpportunity(t.ctx, { accountId, name: 'New business of a held account', type: 'new', amount: { amountMinor: 1_000_000, currency: 'EUR' }, closeDate: '2026-06-30' });
    return { opportunityId: opportunity.id };
  }

  beforeAll(async () => {
    t = await createTestContext();
    bookId = await makeBook(t.ctx);
    seatId = (await makePricedProduct(t.ctx, bookId)).productId;
    finance = await makeActor(t.ctx, 'finance');
  });
  afterAll(() => t.close());

  it('ships the three rules as data: overdue invoices and expired book on, below floor off', async () => {
    expect((await listValidationRules(t.ctx)).map((rule) => [rule.key, rule.kind, rule.active, rule.params])).toEqual([
      ['below_floor', 'below_floor', false, {}],
      ['expired_price_book', 'expired_price_book', true, {}],
      ['overdue_invoices', 'overdue_invoices', true, { maxDaysOverdue: 30, quoteTypes: ['expansion', 'renewal'] }],
    ]);
  });

  it('blocks an upsell while an invoice is overdue more than 30 days; a finance override with a reason lets it pass and is audited', async () => {
    const quote = await quoteOn('expansion', { dueDate: '2025-12-01' });
    const blocked = await appError(submitQuote(t.ctx, { id: quote.id }));
    expect(blocked.code).toBe('business_rule_violated');
    expect(blocked.detail).toContain('Rule "No upsell or renewal while invoices are overdue more than 30 days" (overdue_invoices)');
    expect(blocked.detail).toContain('is 45 days overdue with 1250.00 EUR due');
    expect(blocked.extra['rule']).toMatchObject({ type: 'validation', key: 'overdue_invoices' });
    expect((await auditTrail(t.ctx, 'quote', quote.id)).map((row) => row.action)).toEqual(['create']);

    const override = await overrideValidation(withActor(t.ctx, finance), { quoteId: quote.id, input: { ruleKey: 'overdue_invoices', reason: 'Payment plan agreed with the CFO' } });
    expect(override).toMatchObject({ ruleKey: 'overdue_invoices', reason: 'Payment plan agreed with the CFO', overriddenBy: finance.id });
    expect((await submitQuote(t.ctx, { id: quote.id })).quote.status).toBe('approved');
    const trail = await auditTrail(t.ctx, 'quote', quote.id);
    expect(trail.map((row) => [row.action, row.actor_id])).toEqual([['create', 'system'], ['override_validation', finance.id], ['submit', 'system']]);
    expect(trail[1]?.after).toMatchObject({ ruleKey: 'overdue_invoices', reason: 'Payment plan agreed with the CFO', overriddenBy: finance.id });
    expect((await appError(overrideValidation(withActor(t.ctx, finance), { quoteId: quote.id, input: { ruleKey: 'overdue_invoices', reason: 'again' } }))).code).toBe('conflict');
  });

  it('leaves new business, invoices overdue 30 days or less, and paid-up accounts alone', async () => {
    expect((await submitQuote(t.ctx, { id: (await quoteOn('new', { dueDate: '2025-12-01' })).id })).quote.status).toBe('approved');
    expect((await submitQuote(t.ctx, { id: (await quoteOn('renewal', { dueDate: '2025-12-16' })).id })).quote.status).toBe('approved');
    expect((await appError(submitQuote(t.ctx, { id: (await quoteOn('renewal', { dueDate: '2025-12-15' })).id }))).detail).toContain('31 days overdue');
    expect((await submitQuote(t.ctx, { id: (await quoteOn('expansion')).id })).quote.status).toBe('approved');
  });

  it('blocks an upsell or renewal while the account is on collections hold, even with nothing overdue, until the hold is released', async () => {
    const quote = await quoteOn('expansion', { dueDate: '2025-11-25' }); // 51 days overdue on 2026-01-15: dunning's hold stage (+45)
    const dunning = (date: string) => runDunning(t.ctx, { date, mailer: outboxMailer(path.join(os.tmpdir(), 'revline-cpq-hold-outbox')), mailFrom: 'ar@example.com' });
    await dunning('2026-01-15');
    await recordPayment(t.ctx, { accountId: quote.accountId, amount: { amountMinor: 125_000n, currency: 'EUR' }, receivedDate: '2026-01-15' });
    const blocked = await appError(submitQuote(t.ctx, { id: quote.id }));
    expect(blocked.code).toBe('business_rule_violated');
    expect(blocked.detail).toMatch(/\(overdue_invoices\): account acct_\S+ is on collections hold since 2026-01-15/);
    expect(blocked.detail).not.toContain('invoice(s) overdue');
    const evaluation = await evaluateRule(t.ctx, { ruleId: 'rul_seed_overdue_invoices', input: { quoteId: quote.id } });
    expect(evaluation).toMatchObject({ fires: true, checks: [
      { check: 'quote type', fires: true },
      { check: 'days the oldest unpaid invoice is overdue', actual: 0, fires: false },
      { check: 'account on collections hold', actual: true, fires: true },
    ] });
    // New business of the same account is not this rule's concern.
    const sameAccountNew = await createQuote(t.ctx, { opportunityId: (await makeDealFor(quote.accountId)).opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seatId, quantity: 1 }] });
    expect((await submitQuote(t.ctx, { id: sameAccountNew.id })).quote.status).toBe('approved');

    await dunning('2026-01-16'); // nothing past the hold stage any more: the run releases the hold
    expect((await submitQuote(t.ctx, { id: quote.id })).quote.status).toBe('approved');
  });

  it('takes its threshold from the data, and reports checks and values through evaluate', async () => {
    const quote = await quoteOn('expansion', { dueDate: '2025-11-20' });
    const evaluation = await evaluateRule(t.ctx, { ruleId: 'rul_seed_overdue_invoices', input: { quoteId: quote.id } });
    expect(evaluation).toMatchObject({ ruleType: 'validation', fires: true, checks: [
      { check: 'quote type', op: 'in', value: ['expansion', 'renewal'], actual: 'expansion', fires: true },
      { check: 'days the oldest unpaid invoice is overdue', op: '>', value: 30, actual: 56, fires: true },
      { check: 'account on collections hold', op: '=', value: true, actual: false, fires: false },
    ] });
    await updateValidationRule(t.ctx, { id: 'rul_seed_overdue_invoices', expectedVersion: 1, changes: { params: { maxDaysOverdue: 60 } } });
    expect((await evaluateRule(t.ctx, { ruleId: 'rul_seed_overdue_invoices', input: { quoteId: quote.id } })).fires).toBe(false);
    expect((await submitQuote(t.ctx, { id: quote.id })).quote.status).toBe('approved');
    await updateValidationRule(t.ctx, { id: 'rul_seed_overdue_invoices', expectedVersion: 2, changes: { params: { maxDaysOverdue: 30 } } });
    const bad = await appError(updateValidationRule(t.ctx, { id: 'rul_seed_overdue_invoices', expectedVersion: 3, changes: { params: { maxDays: 3 } } }));
    expect(bad.fieldErrors.map((f) => f.field)).toEqual(['body.params.maxDaysOverdue', 'body.params']);
  });

  it('refuses a quote from an expired book, and a below-floor price once that rule is switched on', async () => {
    const expiring = await makeBook(t.ctx);
    const product = await makePricedProduct(t.ctx, expiring, { minPrice: { amountMinor: 900, currency: 'EUR' } });
    const deal = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, { opportunityId: deal.opportunityId, priceBookId: expiring, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: product.productId, quantity: 1, discount: { percentBps: 2000 } }] });
    const belowFloor = (await listValidationRules(t.ctx)).find((rule) => rule.key === 'below_floor');
    await updateValidationRule(t.ctx, { id: belowFloor?.id ?? '', expectedVersion: 1, changes: { active: true } });
    expect((await appError(submitQuote(t.ctx, { id: quote.id }))).detail).toContain('Rule "No price below its floor" (below_floor): line 1 (below_min_price)');
    await updateValidationRule(t.ctx, { id: belowFloor?.id ?? '', expectedVersion: 2, changes: { active: false } });
    await updatePriceBook(t.ctx, { id: expiring, expectedVersion: 1, changes: { validToDate: '2026-01-15' } });
    expect((await appError(submitQuote(t.ctx, { id: quote.id }))).detail).toContain(`price book ${expiring} is expired`);
    const custom = await createValidationRule(t.ctx, { key: 'renewals_60', name: 'Renewals: 60 days', kind: 'overdue_invoices', params: { maxDaysOverdue: 60, quoteTypes: ['renewal'] } });
    expect(custom.params).toEqual({ maxDaysOverdue: 60, quoteTypes: ['renewal'] });
  });
});
