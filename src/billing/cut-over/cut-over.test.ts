import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { accountBalance, LEDGER_ACCOUNTS } from '../../ledger/index.ts';
import { AppError } from '../../shared/errors.ts';
import { countAuditEntries, makeAccount } from '../fixtures.ts';
import { runBilling } from '../invoicing/run-billing.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { upsertImportedInvoice, upsertImportedSubscription, type ImportInvoiceInput, type ImportSubscriptionInput } from '../index.ts';
import { postOpeningBalances } from './post-opening-balances.ts';
import { getCutOver, setCutOver } from './set-cut-over.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// Stripe-style export rows (the shapes of src/billing/import-upserts.test.ts and the Stripe source mapping):
// Pro, 10 seats × 49.00 a month, anniversary on the 10th, billed by Stripe until the cut-over 2026-01-01.
const stripeSubscription = (accountId: string, overrides: Partial<ImportSubscriptionInput> = {}): ImportSubscriptionInput => ({
  sourceSystem: 'stripe', externalId: 'sub_1', accountId, currency: 'usd', startDate: '2025-06-10', planLabel: 'Pro', billingMode: 'anniversary',
  items: [{ itemKey: 'price_pro', quantity: 10, unitPriceMinor: 4900 }], ...overrides,
});
const stripeInvoice = (accountId: string, overrides: Partial<ImportInvoiceInput> = {}): ImportInvoiceInput => ({
  sourceSystem: 'stripe', externalId: 'in_1', accountId, subscriptionExternalId: 'sub_1', number: 'STRIPE-0001', currency: 'usd',
  issueDate: '2025-11-10', periodStartDate: '2025-11-10', periodEndDate: '2025-12-10', subtotalMinor: 49_000,
  status: 'paid', paidAt: '2025-11-12T10:00:00Z', ...overrides,
});

async function engineInvoices(t: TestContext, subscriptionId: string) {
  return invoicingDb(t.ctx).selectFrom('invoices').select(['billing_date', 'total_minor', 'status', 'number'])
    .where('subscription_id', '=', subscriptionId).where('billing_date', 'is not', null).orderBy('billing_date').orderBy('billing_sequence').execute();
}

async function journalEntryCount(t: TestContext): Promise<number> {
  const row = await invoicingDb(t.ctx).selectFrom('journal_entries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the invoices say is owed in a currency: every issued invoice's amount due (imported ones included). */
async function openInvoicesMinor(t: TestContext, currency: string): Promise<bigint> {
  const rows = await invoicingDb(t.ctx).selectFrom('invoices').select('amount_due_minor').where('status', '=', 'issued').where('currency', '=', currency).execute();
  return rows.reduce((sum, row) => sum + row.amount_due_minor, 0n);
}

// docs/billing.md "Imported subscriptions and cut-over" — the worked example.
describe('cut-over from an imported billing system', () => {
  let t: TestContext;
  let subscriptionId: string;
  let canceledId: string;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-15T06:00:00Z' });
    const accountId = await makeAccount(t.ctx);
    const euroAccountId = await makeAccount(t.ctx);
    subscriptionId = (await upsertImportedSubscription(t.ctx, stripeSubscription(accountId))).record.id;
    // Canceled in Stripe before the cut-over (last active day 15 December): never billed by Revline.
    canceledId = (await upsertImportedSubscription(t.ctx, stripeSubscription(accountId, { externalId: 'sub_2', endDate: '2025-12-15', status: 'canceled' }))).record.id;
    await upsertImportedInvoice(t.ctx, stripeInvoice(accountId));
    // December's invoice, 100.00 of 490.00 paid in Stripe: 390.00 open at the cut-over.
    await upsertImportedInvoice(t.ctx, stripeInvoice(accountId, {
      externalId: 'in_2', number: 'STRIPE-0002', issueDate: '2025-12-10', periodStartDate: '2025-12-10', periodEndDate: '2026-01-10',
      status: 'issued', paidAt: null, amountPaidMinor: 10_000, amountDueMinor: 39_000,
    }));
    await upsertImportedInvoice(t.ctx, stripeInvoice(euroAccountId, {
      externalId: 'in_3', subscriptionExternalId: null, number: 'STRIPE-0003', currency: 'eur', issueDate: '2025-12-20',
      periodStartDate: null, periodEndDate: null, subtotalMinor: 12_000, status: 'issued', paidAt: null,
    }));
  });
  afterAll(() => t.close());

  it('bills no imported subscription and posts no opening before a cut-over is set', async () => {
    const run = await runBilling(t.ctx, { date: '2026-01-15', issue: true });
    expect(run).toMatchObject({ subscriptions: 0, invoicesDrafted: 0, errors: [] });
    expect(await engineInvoices(t, subscriptionId)).toEqual([]);
    const missing = await appError(postOpeningBalances(t.ctx));
    expect(missing.code).toBe('business_rule_violated');
    expect(await getCutOver(t.ctx)).toEqual({ date: null, openingPosted: false });
  });

  it('refuses a malformed cut-over date, naming the field', async () => {
    for (const date of ['2026-02-30', '01.01.2026', '']) {
      const error = await appError(setCutOver(t.ctx, { date }));
      expect(error.code).toBe('validation_failed');
      expect(error.fieldErrors.map((field) => field.field)).toEqual(['body.date']);
    }
    expect(await countAuditEntries(t.ctx, 'billing_cut_over')).toBe(0);
  });

  it('bills from the cut-over on: the straddling period prorated from the cut-over day, nothing before it, exactly once', async () => {
    expect(await setCutOver(t.ctx, { date: '2026-01-01' })).toEqual({ date: '2026-01-01', openingPosted: false });
    expect(await countAuditEntries(t.ctx, 'billing_cut_over')).toBe(1);
    const run = await runBilling(t.ctx, { date: '2026-01-15', issue: true });
    expect(run).toMatchObject({ subscriptions: 1, invoicesDrafted: 2, invoicesIssued: 2, errors: [] });
    // Dec 10 – Jan 10 has 31 days; Revline bills Jan 1–10 = 9: 49000 × 9/31 = 14225.81 → 14226. Then Jan 10 – Feb 10 in full.
    expect((await engineInvoices(t, subscriptionId)).map((row) => [row.billing_date, row.total_minor, row.status])).toEqual([
      ['2026-01-01', 14_226n, 'issued'], ['2026-01-10', 49_000n, 'issued'],
    ]);
    const lines = await invoicingDb(t.ctx).selectFrom('invoice_lines').innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoice_lines.period_start_date', 'invoice_lines.period_end_date', 'invoice_lines.billable_days', 'invoice_lines.period_days'])
      .where('invoices.subscription_id', '=', subscriptionId).where('invoices.billing_date', '=', '2026-01-01').execute();
    expect(lines).toEqual([{ period_start_date: '2026-01-01', period_end_date: '2026-01-10', billable_days: 9, period_days: 31 }]);
    expect(await engineInvoices(t, canceledId)).toEqual([]);

    const rerun = await runBilling(t.ctx, { date: '2026-01-15', issue: true });
    expect(rerun).toMatchObject({ subscriptions: 1, invoicesDrafted: 0, creditNotesIssued: 0, invoicesIssued: 0, errors: [] });
    t.clock.advance({ days: 26 });
    const [first, second] = await Promise.all([runBilling(t.ctx, { date: '2026-02-10' }), runBilling(t.ctx, { date: '2026-02-10' })]);
    expect((first?.invoicesDrafted ?? 0) + (second?.invoicesDrafted ?? 0)).toBe(1);
    expect((await engineInvoices(t, subscriptionId)).map((row) => [row.billing_date, row.total_minor])).toEqual([
      ['2026-01-01', 14_226n], ['2026-01-10', 49_000n], ['2026-02-10', 49_000n],
    ]);
  });

  it('keeps the cut-over where billing depends on it (409 naming body.date)', async () => {
    for (const date of ['2025-12-01', '2026-01-05']) {
      const error = await appError(setCutOver(t.ctx, { date }));
      expect(error.code).toBe('conflict');
      expect(error.fieldErrors.map((field) => field.field)).toEqual(['body.date']);
    }
    expect(await setCutOver(t.ctx, { date: '2026-01-01' })).toMatchObject({ date: '2026-01-01' });
    expect(await countAuditEntries(t.ctx, 'billing_cut_over')).toBe(1);
  });

  it('posts the open receivables of imported invoices once per currency, so ledger AR equals the open invoices', async () => {
    const opening = await postOpeningBalances(t.ctx);
    expect(opening.cutOverDate).toBe('2026-01-01');
    expect(opening.entries.map((entry) => [entry.currency, entry.amountMinor, entry.invoices])).toEqual([['EUR', 12_000n, 1], ['USD', 39_000n, 1]]);
    const usdAr = await accountBalance(t.ctx, LEDGER_ACCOUNTS.accountsReceivable, { asOfDate: '2026-02-28', currency: 'USD' });
    // 39000 opened + 14226 + 49000 + 49000 (the February draft is not issued yet, so not in AR nor open).
    expect(await openInvoicesMinor(t, 'USD')).toBe(39_000n + 14_226n + 49_000n);
    expect(usdAr.balance.amountMinor).toBe(await openInvoicesMinor(t, 'USD'));
    const eurAr = await accountBalance(t.ctx, LEDGER_ACCOUNTS.accountsReceivable, { asOfDate: '2026-01-01', currency: 'EUR' });
    expect(eurAr.balance.amountMinor).toBe(12_000n);
    const equity = await accountBalance(t.ctx, LEDGER_ACCOUNTS.openingBalanceEquity, { asOfDate: '2026-01-01', currency: 'USD' });
    expect(equity.credit.amountMinor).toBe(39_000n);
    const before = await accountBalance(t.ctx, LEDGER_ACCOUNTS.accountsReceivable, { asOfDate: '2025-12-31', currency: 'USD' });
    expect(before.balance.amountMinor).toBe(0n);

    const entries = await journalEntryCount(t);
    expect(await postOpeningBalances(t.ctx)).toEqual({ cutOverDate: '2026-01-01', entries: [] });
    expect(await journalEntryCount(t)).toBe(entries);
    expect(await getCutOver(t.ctx)).toEqual({ date: '2026-01-01', openingPosted: true });
  });

  it('once opened, the cut-over no longer moves and a re-import may not change the opened invoice’s payment progress', async () => {
    const moved = await appError(setCutOver(t.ctx, { date: '2026-03-01' }));
    expect(moved.code).toBe('conflict');
    const accountId = (await invoicingDb(t.ctx).selectFrom('invoices').select('account_id').where('external_id', '=', 'in_2').executeTakeFirstOrThrow()).account_id;
    const paidInStripe = await appError(upsertImportedInvoice(t.ctx, stripeInvoice(accountId, {
      externalId: 'in_2', number: 'STRIPE-0002', issueDate: '2025-12-10', periodStartDate: '2025-12-10', periodEndDate: '2026-01-10',
      status: 'paid', paidAt: '2026-01-20T10:00:00Z',
    })));
    expect(paidInStripe.code).toBe('conflict');
    expect(paidInStripe.fieldErrors.map((field) => field.field)).toEqual(['body.amountPaidMinor']);
    expect(await openInvoicesMinor(t, 'USD')).toBe(39_000n + 14_226n + 49_000n);
  });
});
