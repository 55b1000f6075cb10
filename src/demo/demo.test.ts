import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { registerAppSubscribers } from '../cli/background-work.ts';
import { sql } from 'kysely';
import { findCreditNoteBalances, listInvoices, listSubscriptionOrdersOfQuote, outsideEuNote, validEuVatId, type Invoice } from '../billing/index.ts';
import { listEntriesOfDeals } from '../commissions/index.ts';
import { listQuotes, type QuoteSummary } from '../cpq/index.ts';
import { LEDGER_ACCOUNTS, trialBalance } from '../ledger/index.ts';
import { computeMetric, findReportingCurrency, listMetrics, resolveReportingCurrency, type MetricResult, type MovementRow } from '../metrics/index.ts';
import { findOrderByQuote } from '../orders/index.ts';
import { AGING_BUCKETS, arAging, listCustomerCredits } from '../payments/index.ts';
import { buildDataQualityReport } from '../quality/index.ts';
import { generateDemo, type DemoSummary } from './generate-demo.ts';

const LAST_DATE = '2026-06-30';
const OPTIONS = { seed: 8, customers: 30, months: 6, lastDate: LAST_DATE, passwords: false };

async function allPages<T>(page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    rows.push(...result.data);
    cursor = result.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** Key totals of a generated company: equal for equal seeds (ids and instants aside). */
async function fingerprint(t: TestContext, summary: DemoSummary) {
  const invoices = await allPages((cursor) => listInvoices(t.ctx, { limit: 500, ...(cursor ? { cursor } : {}) }));
  const byCurrency: Record<string, string> = {};
  for (const invoice of invoices) byCurrency[invoice.currency] = (BigInt(byCurrency[invoice.currency] ?? '0') + invoice.totalMinor).toString();
  const tb = await trialBalance(t.ctx, { asOfDate: LAST_DATE });
  return { counts: summary.counts, invoices: invoices.length, invoiceTotals: byCurrency, ledger: tb.totals.map((x) => [x.currency, x.debit.amountMinor.toString()]) };
}

describe('revline demo: Nordlicht Analytics through the real flows', () => {
  let t: TestContext;
  let summary: DemoSummary;
  beforeAll(async () => {
    registerAppSubscribers();
    t = await createTestContext();
    summary = await generateDemo(t.ctx, OPTIONS);
  }, 300_000);
  afterAll(() => t.close());

  it('makes a company with every part of the story', () => {
    const c = summary.counts;
    expect(summary.startDate).toBe('2026-01-01');
    expect(c.newCustomers).toBeGreaterThanOrEqual(20);
    expect(c.leads).toBeGreaterThan(c.newCustomers * 2);
    expect(c.quotesNeedingApproval).toBeGreaterThan(0);
    expect(c.quotesRejected).toBeGreaterThan(0);
    expect(c.opportunitiesLost).toBeGreaterThan(0);
    expect(c.billingRuns).toBe(6);
    expect(c.invoicesIssued).toBeGreaterThan(c.newCustomers / 2);
    expect(c.payments).toBeGreaterThan(0);
    expect(c.tickets).toBeGreaterThan(0);
    expect(c.usageRows).toBeGreaterThan(0);
    expect(summary.logins.map((l) => l.role)).toEqual(expect.arrayContaining(['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer']));
  });

  it('ends with an open pipeline: deals in several stages that close after the last day', async () => {
    const open = await sql<{ stage_key: string; close_date: string }>`
      select stage_key, close_date from opportunities where closed_at is null and deleted_at is null and close_date > ${LAST_DATE}`.execute(t.ctx.db);
    expect(open.rows.length).toBeGreaterThanOrEqual(5);
    expect(new Set(open.rows.map((row) => row.stage_key)).size).toBeGreaterThanOrEqual(3);
  });

  it('gives every accepted quote an order, a subscription, an invoice and a commission', async () => {
    const accepted: QuoteSummary[] = await allPages((cursor) => listQuotes(t.ctx, { status: 'accepted', limit: 500, ...(cursor ? { cursor } : {}) }));
    expect(accepted.length).toBe(summary.counts.quotesAccepted);
    for (const quote of accepted) {
      const order = await findOrderByQuote(t.ctx, quote.id);
      expect(order, `order of ${quote.id}`).not.toBeNull();
      const [link] = await listSubscriptionOrdersOfQuote(t.ctx, quote.id);
      expect(link, `subscription of ${quote.id}`).toBeDefined();
      const invoices = await listInvoices(t.ctx, { subscriptionId: link?.subscriptionId ?? '' });
      expect(invoices.data.length, `invoices of ${link?.subscriptionId}`).toBeGreaterThan(0);
      const entries = await listEntriesOfDeals(t.ctx, { orderIds: [order?.id ?? ''], bookingIds: [] });
      expect(entries.filter((e) => e.kind === 'accrual').length, `commission of ${order?.id}`).toBeGreaterThan(0);
    }
  });

  it('invoices EU businesses abroad with a VAT id under reverse charge, customers outside the EU without VAT (noted), everyone else with the VAT due', async () => {
    const rows = await sql<{ number: string; tax_minor: bigint; tax_note: string | null; country: string; tax_id: string | null }>`
      select i.number, i.tax_minor, i.tax_note, a.country, a.tax_id
      from invoices i join accounts a on a.id = i.account_id where i.status <> 'draft' and i.subtotal_minor > 0`.execute(t.ctx.db);
    const seen = { reverseCharge: 0, domestic: 0, outsideEu: 0 };
    for (const row of rows.rows) {
      const vatId = validEuVatId(row.tax_id, row.country);
      if ((row.country === 'AT' || row.country === 'IT') && vatId !== null) {
        seen.reverseCharge += 1;
        expect({ number: row.number, tax: row.tax_minor, noteNamesId: row.tax_note?.includes(vatId) }).toEqual({ number: row.number, tax: 0n, noteNamesId: true });
      } else if (['DE', 'AT', 'IT'].includes(row.country)) {
        if (row.country === 'DE') seen.domestic += 1;
        expect({ number: row.number, taxed: row.tax_minor > 0n, note: row.tax_note }).toEqual({ number: row.number, taxed: true, note: null });
      } else {
        // Switzerland, the UK and the US: outside the EU, no VAT, and the invoice says why.
        seen.outsideEu += 1;
        expect({ number: row.number, tax: row.tax_minor, note: row.tax_note }).toEqual({ number: row.number, tax: 0n, note: outsideEuNote() });
      }
    }
    expect(seen.reverseCharge).toBeGreaterThan(0);
    expect(seen.outsideEu).toBeGreaterThan(0);
    expect(seen.domestic).toBeGreaterThan(0);
    const accounts = await sql<{ country: string; tax_id: string | null }>`select country, tax_id from accounts where country in ('DE', 'AT', 'IT')`.execute(t.ctx.db);
    expect(accounts.rows.filter((a) => a.tax_id !== null && validEuVatId(a.tax_id, a.country) === null)).toEqual([]);
  });

  it('gives every customer a billing address in its country\u2019s format, and issues its invoices to it', async () => {
    const accounts = await sql<{ country: string; billing_address: string | null }>`select country, billing_address from accounts`.execute(t.ctx.db);
    expect(accounts.rows.length).toBeGreaterThan(0);
    expect(accounts.rows.filter((a) => a.billing_address === null)).toEqual([]);
    const postalLine: Record<string, RegExp> = { DE: /\n\d{5} /, AT: /\n\d{4} /, CH: /\n\d{4} /, IT: /\n\d{5} .+ [A-Z]{2}$/, US: /, [A-Z]{2} \d{5}$/, GB: /\n[A-Z0-9]{2,4} \d[A-Z]{2}$/ };
    for (const account of accounts.rows) expect({ country: account.country, address: account.billing_address }).toEqual({ country: account.country, address: expect.stringMatching(postalLine[account.country] ?? /^$/) });
    const issued = await sql<{ customer_address: string | null; billing_address: string | null }>`
      select i.customer_address, a.billing_address from invoices i join accounts a on a.id = i.account_id where i.status <> 'draft' and i.source_system is null`.execute(t.ctx.db);
    expect(issued.rows.length).toBeGreaterThan(0);
    expect(issued.rows.filter((row) => row.customer_address !== row.billing_address)).toEqual([]);
  });

  it('leaves no won deal without its contract and no invalid VAT id for the data-quality report', async () => {
    const report = await buildDataQualityReport(t.ctx);
    const counts = Object.fromEntries(report.sections.map((section) => [section.check, section.count]));
    expect({ closedWonWithoutContract: counts['closed_won_without_contract'], invalidVatIds: counts['account_invalid_vat_id'] })
      .toEqual({ closedWonWithoutContract: 0, invalidVatIds: 0 });
  });

  it('keeps the ledger balanced per currency', async () => {
    const tb = await trialBalance(t.ctx, { asOfDate: LAST_DATE });
    expect(tb.totals.map((x) => x.currency).sort()).toEqual(['EUR', 'GBP', 'USD']);
    for (const total of tb.totals) expect(total.debit.amountMinor, total.currency).toBe(total.credit.amountMinor);
  });

  it('closes the MRR bridge every month', async () => {
    const rows = (await computeMetric(t.ctx, 'mrr-movements', { from: '2026-01', to: '2026-06' })) as MovementRow[];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.some((row) => row.newMinor > 0)).toBe(true);
    for (const row of rows) {
      expect(row.mrrStartMinor + row.newMinor + row.expansionMinor + row.reactivationMinor - row.contractionMinor - row.churnMinor, `${row.period} ${row.currency}`).toBe(row.mrrEndMinor);
      expect(row.customersStart + row.customersNew + row.customersReactivated - row.customersChurned, `${row.period} ${row.currency}`).toBe(row.customersEnd);
    }
  });

  it('reports AR as open invoices minus unapplied credits, in the ledger and in the aging', async () => {
    const open: Invoice[] = await allPages((cursor) => listInvoices(t.ctx, { status: 'issued', limit: 500, ...(cursor ? { cursor } : {}) }));
    const openDue = new Map<string, bigint>();
    for (const invoice of open) openDue.set(invoice.currency, (openDue.get(invoice.currency) ?? 0n) + invoice.amountDueMinor);
    const aging = await arAging(t.ctx, { asOf: LAST_DATE });
    expect(aging.totals.map((x) => x.currency).sort()).toEqual([...openDue.keys()].sort());
    for (const total of aging.totals) {
      const bucketSum = AGING_BUCKETS.reduce((sum, bucket) => sum + total.buckets[bucket], 0n);
      expect(bucketSum, `aging buckets ${total.currency}`).toBe(total.buckets.totalMinor);
      expect(total.buckets.totalMinor, `aging ${total.currency}`).toBe(openDue.get(total.currency));
    }
    const unapplied = new Map<string, bigint>();
    for (const credit of await listCustomerCredits(t.ctx)) unapplied.set(credit.currency, (unapplied.get(credit.currency) ?? 0n) + credit.amountMinor);
    const accounts = new Set([...open.map((i) => i.accountId), ...(await listCustomerCredits(t.ctx)).map((c) => c.accountId)]);
    for (const invoice of await allPages((cursor) => listInvoices(t.ctx, { limit: 500, ...(cursor ? { cursor } : {}) }))) accounts.add(invoice.accountId);
    for (const accountId of accounts) {
      for (const currency of ['EUR', 'USD', 'GBP']) {
        for (const note of await findCreditNoteBalances(t.ctx, { accountId, currency })) unapplied.set(currency, (unapplied.get(currency) ?? 0n) + note.remainingMinor);
      }
    }
    const tb = await trialBalance(t.ctx, { asOfDate: LAST_DATE });
    for (const currency of ['EUR', 'USD', 'GBP']) {
      const row = tb.rows.find((r) => r.accountCode === LEDGER_ACCOUNTS.accountsReceivable && r.currency === currency);
      const ledgerAr = row ? row.debit.amountMinor - row.credit.amountMinor : 0n;
      expect(ledgerAr, `AR ${currency}`).toBe((openDue.get(currency) ?? 0n) - (unapplied.get(currency) ?? 0n));
      // The aging's net AR (open invoices − unapplied credit notes) is the ledger's AR.
      expect(aging.totals.find((total) => total.currency === currency)?.netMinor ?? 0n, `aging net AR ${currency}`).toBe(ledgerAr);
    }
  });

  it('computes every metric in the catalogue for the demo period', async () => {
    const failures: string[] = [];
    for (const metric of listMetrics()) {
      const interval = metric.intervals.includes('month') ? 'month' : metric.intervals[0];
      try {
        await computeMetric(t.ctx, metric.name, { from: '2026-01', to: '2026-06', interval });
        await computeMetric(t.ctx, metric.name, { from: '2026-01', to: '2026-06', interval, currency: 'EUR' });
      } catch (error) {
        failures.push(`${metric.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reports in EUR by default, as a German seller: one ARR figure for EUR, USD and GBP together', async () => {
    expect(await findReportingCurrency(t.ctx)).toBe('EUR');
    const { currency } = await resolveReportingCurrency(t.ctx, undefined); // what the dashboard and `revline metrics` ask for
    const query = { from: '2026-06', to: '2026-06', interval: 'all' } as const;
    const converted = await computeMetric(t.ctx, 'arr', { ...query, ...(currency ? { currency } : {}) }) as MetricResult;
    const perCurrency = await computeMetric(t.ctx, 'arr', query) as MetricResult;
    expect(converted.series.map((point) => point.currency ?? converted.currency)).toEqual(['EUR']);
    expect(converted.series[0]?.value).toBeGreaterThan(0);
    expect(perCurrency.series.map((point) => point.currency).sort()).toEqual(['EUR', 'GBP', 'USD']);
    // Converted, the figure is more than the EUR part alone: the USD and GBP customers are in it.
    expect(converted.series[0]?.value).toBeGreaterThan(perCurrency.series.find((point) => point.currency === 'EUR')?.value ?? 0);
  });

  it('is deterministic: the same seed makes the same company', async () => {
    const small = { seed: 3, customers: 4, months: 3, lastDate: '2026-03-31', passwords: false };
    const runs = [];
    for (let i = 0; i < 2; i += 1) {
      const other = await createTestContext();
      try {
        runs.push(await fingerprint(other, await generateDemo(other.ctx, small)));
      } finally {
        await other.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]?.invoices).toBeGreaterThan(0);
  }, 120_000);
});
