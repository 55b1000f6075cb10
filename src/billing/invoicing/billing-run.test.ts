import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { trialBalance } from '../../ledger/index.ts';
import { createSubscription } from '../create-subscription.ts';
import { setAccountPaymentTerms } from '../payment-terms/terms-repo.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from '../fixtures.ts';
import { recognizeRevenue } from '../recognition/recognize-revenue.ts';
import { issueInvoice } from './issue-invoice.ts';
import { defaultConcurrency, DEFAULT_CONCURRENCY, runBilling } from './run-billing.ts';
import { inTransaction } from '../../shared/context.ts';
import { invoicingDb } from './tables.ts';

async function snapshot(t: TestContext) {
  const invoices = await invoicingDb(t.ctx).selectFrom('invoices').select(['subscription_id', 'billing_date', 'billing_sequence', 'number', 'total_minor', 'status'])
    .where('billing_date', 'is not', null).orderBy('subscription_id').orderBy('billing_date').orderBy('billing_sequence').execute();
  return invoices;
}

async function numbers(t: TestContext): Promise<string[]> {
  const rows = await invoicingDb(t.ctx).selectFrom('invoices').select('number').where('number', 'like', 'INV-%').orderBy('number').execute();
  return rows.map((row) => row.number ?? '');
}

async function seed(t: TestContext, count: number): Promise<string[]> {
  const accountId = await makeAccount(t.ctx, { billingAddress: '1 Billing Way\nSpringfield, IL 62701' });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const sub = await createSubscription(t.ctx, makeSubscriptionInput(accountId, {
      startDate: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, billingMode: i % 2 === 0 ? 'calendar' : 'anniversary',
      items: [makeItemInput({ quantity: 1 + i, timing: i % 3 === 0 ? 'in_arrears' : 'in_advance' })],
    }));
    ids.push(sub.id);
  }
  return ids;
}

/** Balances per account and the recognition rows (subscription ids left out: each database makes its own). */
async function ledgerState(t: TestContext) {
  const balance = await trialBalance(t.ctx, { asOfDate: '2026-12-31' });
  const recognitions = await invoicingDb(t.ctx).selectFrom('revenue_recognitions as r').innerJoin('invoices as i', 'i.id', 'r.invoice_id')
    .select(['i.billing_date', 'i.billing_sequence', 'r.line_number', 'r.recognition_date', 'r.amount_minor'])
    .orderBy('i.subscription_id').orderBy('i.billing_date').orderBy('i.billing_sequence').orderBy('r.line_number').execute();
  return { balances: balance.rows.map((row) => ({ account: row.accountCode, debit: row.debit, credit: row.credit })), recognitions };
}

// The run's exactly-once guarantees (docs/billing.md "Billing run"), each on its own database.
describe('billing run', () => {
  let uninterrupted: Awaited<ReturnType<typeof snapshot>>;
  let reference: TestContext;
  beforeAll(async () => {
    reference = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    await seed(reference, 12);
    await runBilling(reference.ctx, { date: '2026-03-01', issue: true });
    uninterrupted = await snapshot(reference);
  });
  afterAll(() => reference.close());

  it('bills every due period once, issues with gapless numbers, and a second run adds nothing', async () => {
    expect(uninterrupted.length).toBeGreaterThan(24);
    expect(uninterrupted.every((row) => row.status === 'issued')).toBe(true);
    const before = await numbers(reference);
    expect(before).toEqual(before.map((_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`));
    const again = await runBilling(reference.ctx, { date: '2026-03-01', issue: true });
    expect(again).toMatchObject({ subscriptions: 12, invoicesDrafted: 0, invoicesIssued: 0, errors: [] });
    expect(await snapshot(reference)).toEqual(uninterrupted);
    const balance = await trialBalance(reference.ctx, { asOfDate: '2026-03-01' });
    expect(balance.totals.map((total) => total.debit.amountMinor - total.credit.amountMinor)).toEqual([0n]);
    expect(balance.totals[0]?.debit.amountMinor).toBeGreaterThan(0n);
  });

  it('a run killed half-way and restarted ends exactly like an uninterrupted run', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 12);
      await expect(runBilling(t.ctx, { date: '2026-03-01', issue: true, batchSize: 5, afterSubscription: (done) => {
        if (done === 7) throw new Error('killed');
      } })).rejects.toThrow('killed');
      expect((await snapshot(t)).length).toBeLessThan(uninterrupted.length);
      await runBilling(t.ctx, { date: '2026-03-01', issue: true });
      const strip = (rows: typeof uninterrupted) => rows.map(({ subscription_id: _s, number: _n, ...rest }) => rest);
      expect(strip(await snapshot(t))).toEqual(strip(uninterrupted));
      expect(await numbers(t)).toEqual((await numbers(reference)));
    } finally {
      await t.close();
    }
  });

  it('two concurrent runs bill nothing twice and leave no gap in the numbers', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 12);
      const [a, b] = await Promise.all([runBilling(t.ctx, { date: '2026-03-01', issue: true }), runBilling(t.ctx, { date: '2026-03-01', issue: true })]);
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      expect(a.invoicesDrafted + b.invoicesDrafted).toBe(uninterrupted.length);
      const strip = (rows: typeof uninterrupted) => rows.map(({ subscription_id: _s, number: _n, ...rest }) => rest);
      expect(strip(await snapshot(t))).toEqual(strip(uninterrupted));
      const list = await numbers(t);
      expect(list).toEqual(list.map((_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`));
    } finally {
      await t.close();
    }
  });

  it('small chunks billed by several workers at once end exactly like one chunk, numbers still gapless', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 12);
      const result = await runBilling(t.ctx, { date: '2026-03-01', issue: true, batchSize: 4, concurrency: 3 });
      expect(result).toMatchObject({ subscriptions: 12, invoicesDrafted: uninterrupted.length, invoicesIssued: uninterrupted.length, errors: [] });
      const strip = (rows: typeof uninterrupted) => rows.map(({ subscription_id: _s, number: _n, ...rest }) => rest);
      expect(strip(await snapshot(t))).toEqual(strip(uninterrupted));
      expect(await numbers(t)).toEqual(await numbers(reference));
    } finally {
      await t.close();
    }
  });

  it('issues each invoice with its account\u2019s payment terms, read for the whole chunk', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      const ids = await seed(t, 2);
      const own = await makeAccount(t.ctx);
      const sub = await createSubscription(t.ctx, makeSubscriptionInput(own, { startDate: '2026-03-01', items: [makeItemInput()] }));
      await setAccountPaymentTerms(t.ctx, own, { kind: 'end_of_month', days: 10 });
      await runBilling(t.ctx, { date: '2026-03-01', issue: true });
      const dues = await invoicingDb(t.ctx).selectFrom('invoices').select(['subscription_id', 'issue_date', 'due_date']).where('issue_date', '=', '2026-03-01').execute();
      expect(dues.filter((row) => row.subscription_id === sub.id).map((row) => row.due_date)).toEqual(['2026-04-10']);
      expect(new Set(dues.filter((row) => ids.includes(row.subscription_id ?? '')).map((row) => row.due_date))).toEqual(new Set(['2026-03-31']));
    } finally {
      await t.close();
    }
  });

  it('writes an invoice it issues once, as issued, and audits it as drafted and issued', async () => {
    // The run holds its new drafts and inserts them issued (docs/billing.md "Billing run", step 2).
    const invoice = await invoicingDb(reference.ctx).selectFrom('invoices').selectAll().where('number', 'like', 'INV-%').orderBy('number').executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({ status: 'issued', version: 2, amount_due_minor: invoice.total_minor });
    // With the customer as it was at issue (migrations 202612131000, 202612140300), copied from its account.
    const account = await invoicingDb(reference.ctx).selectFrom('accounts').select(['name', 'country', 'tax_id', 'billing_address']).where('id', '=', invoice.account_id).executeTakeFirstOrThrow();
    expect({ name: invoice.customer_name, country: invoice.customer_country, taxId: invoice.customer_tax_id, address: invoice.customer_address })
      .toEqual({ name: account.name, country: account.country, taxId: account.tax_id, address: account.billing_address });
    expect(invoice.customer_name).not.toBeNull();
    expect(invoice.customer_address).toBe('1 Billing Way\nSpringfield, IL 62701');
    const lines = await invoicingDb(reference.ctx).selectFrom('invoice_lines').select('line_number').where('invoice_id', '=', invoice.id).execute();
    expect(lines.length).toBeGreaterThan(0);
    const audit = await sql<{ action: string; before: { status?: string } | null; after: { status?: string; number?: string | null } }>`
      select action, before, after from audit_log where entity_type = 'invoice' and entity_id = ${invoice.id} order by seq`.execute(reference.ctx.db);
    expect(audit.rows.map((row) => [row.action, row.before?.status ?? null, row.after.status, row.after.number])).toEqual([
      ['draft', null, 'draft', null],
      ['issue', 'draft', 'issued', invoice.number],
    ]);
  });

  it('one bad subscription is one error row; the others are billed', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      const ids = await seed(t, 3);
      const bad = ids[1] ?? '';
      // A price so large its invoice line cannot be stored (bigint overflow): the ledger's check of
      // the invoice's entry refuses it before anything of the chunk is written.
      await sql`insert into subscription_items (subscription_id, currency, item_key, kind, quantity, unit_price_minor, discount_bps, billing_interval_months, timing, effective_from_date, created_at, updated_at)
        values (${bad}, 'USD', 'huge', 'recurring', 10, 9000000000000000000, 0, 1, 'in_advance', '2026-02-01', now(), now())`.execute(t.ctx.db);
      const result = await runBilling(t.ctx, { date: '2026-03-01', issue: true });
      expect(result.errors).toEqual([{ subscriptionId: bad, code: 'validation_failed', message: expect.stringMatching(/larger than a bigint can hold/) }]);
      const billed = await invoicingDb(t.ctx).selectFrom('invoices').select('subscription_id').distinct().execute();
      expect(billed.map((row) => row.subscription_id).sort()).toEqual([ids[0], ids[2]].sort());
      const run = await invoicingDb(t.ctx).selectFrom('billing_runs').selectAll().where('id', '=', result.runId).executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'completed', subscriptions_total: 3, errors_count: 1 });
    } finally {
      await t.close();
    }
  });

  it('recognises in each issuing chunk exactly what issuing one by one and then the daily job would', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 12);
      await runBilling(t.ctx, { date: '2026-03-01' });
      const drafts = await invoicingDb(t.ctx).selectFrom('invoices').select('id').where('status', '=', 'draft')
        .orderBy('subscription_id').orderBy('billing_date').orderBy('billing_sequence').execute();
      for (const draft of drafts) await issueInvoice(t.ctx, { invoiceId: draft.id });
      await recognizeRevenue(t.ctx, { date: '2026-03-01' });
      const expected = await ledgerState(t);
      expect(expected.recognitions.length).toBeGreaterThan(0);
      expect(await ledgerState(reference)).toEqual(expected);
    } finally {
      await t.close();
    }
  });

  it('a run killed after some chunks committed recognises nothing twice when restarted', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 12);
      await expect(runBilling(t.ctx, { date: '2026-03-01', issue: true, batchSize: 4, afterSubscription: (done) => {
        if (done === 8) throw new Error('killed');
      } })).rejects.toThrow('killed');
      const partial = await ledgerState(t);
      expect(partial.recognitions.length).toBeGreaterThan(0);
      const rerun = await runBilling(t.ctx, { date: '2026-03-01', issue: true, batchSize: 4 });
      expect(rerun.errors).toEqual([]);
      expect(await ledgerState(t)).toEqual(await ledgerState(reference));
      expect((await runBilling(t.ctx, { date: '2026-03-01', issue: true })).recognitionEntries).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('billing run concurrency', () => {
  it('bills 4 chunks at once on PostgreSQL, one on the embedded database and in a caller\u2019s transaction', async () => {
    const t = await createTestContext();
    try {
      expect(DEFAULT_CONCURRENCY).toBe(4);
      expect(defaultConcurrency(t.ctx)).toBe(t.database.kind === 'postgres' ? 4 : 1);
      expect(await inTransaction(t.ctx, async (tx) => defaultConcurrency(tx))).toBe(1);
    } finally {
      await t.close();
    }
  });
});
