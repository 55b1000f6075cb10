import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { changeSubscriptionItems, chargeKey, runBilling } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import { loadContracts } from './load-contracts.ts';
import { addDaysToDate } from './month-numbers.ts';
import { seedFinanceExample } from './test-fixtures/finance-example.ts';

/** The definition: the issued lines read row by row (invoice lines and adjustment credit-note lines), per subscription, sorted. */
async function referenceBilled(ctx: Ctx, toDate: string, asOf: Date | null): Promise<Map<string, string[]>> {
  const db = financeDb(ctx);
  const endOfDay = new Date(`${addDaysToDate(toDate, 1)}T00:00:00Z`);
  const ids = db.selectFrom(tableAsOf('subscriptions', asOf).as('s')).select('s.id').where('s.source_system', 'is', null).where('s.created_at', '<', endOfDay);
  const items = await db.selectFrom(tableAsOf('subscription_items', asOf).as('i')).select('i.id').where('i.subscription_id', 'in', ids).where('i.kind', '<>', 'usage').execute();
  const invoiceLines = await db.selectFrom('invoice_lines as l').innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['i.subscription_id', 'l.subscription_item_id', 'l.billing_period_start_date', 'l.amount_minor', 'i.issue_date'])
    .where('i.subscription_id', 'in', ids).where('i.status', '<>', 'draft').where('i.issue_date', '<=', toDate).where('l.subscription_item_id', 'is not', null)
    .$if(asOf !== null, (qb) => qb.where(sql<boolean>`greatest(i.issued_at, i.created_at) <= ${asOf}`)).execute();
  const creditLines = await db.selectFrom('credit_note_lines as l').innerJoin('credit_notes as c', 'c.id', 'l.credit_note_id')
    .select(['c.subscription_id', 'l.subscription_item_id', 'l.billing_period_start_date', 'l.amount_minor', 'c.issue_date'])
    .where('c.subscription_id', 'in', ids).where('c.kind', '=', 'adjustment').where('c.issue_date', '<=', toDate).where('l.subscription_item_id', 'is not', null)
    .$if(asOf !== null, (qb) => qb.where(sql<boolean>`greatest(c.issued_at, c.created_at) <= ${asOf}`)).execute();
  const contracted = new Set(items.map((item) => String(item.id)));
  const billed = new Map<string, string[]>();
  for (const line of [...invoiceLines, ...creditLines]) {
    if (!contracted.has(String(line.subscription_item_id))) continue;
    const text = `${chargeKey(String(line.subscription_item_id), line.billing_period_start_date)} ${line.amount_minor} ${line.issue_date ?? toDate}`;
    billed.set(line.subscription_id ?? '', [...(billed.get(line.subscription_id ?? '') ?? []), text].sort());
  }
  return billed;
}

// loadContracts reads the issued lines packed, one row per subscription: it must give exactly the lines read row by row.
describe('loadContracts reads the issued lines of every subscription', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    const ids = await seedFinanceExample(t.ctx, t.clock);
    // Fewer seats from February, recorded in April: the April run issues an adjustment credit note for February and March.
    t.clock.set('2026-04-15T09:00:00Z');
    const atlas = await sql<{ id: string }>`select id from subscriptions where account_id = ${ids.atlas}`.execute(t.ctx.db);
    await changeSubscriptionItems(t.ctx, { id: atlas.rows[0]?.id ?? '', effectiveDate: '2026-02-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 8 }] });
    await runBilling(t.ctx, { date: '2026-04-15', issue: true });
  });
  afterAll(() => t.close());

  for (const asOfText of [null, '2026-02-10T00:00:00Z', '2026-03-31T23:59:59Z', '2026-04-16T00:00:00Z']) {
    it(`as of ${asOfText ?? 'now'}`, async () => {
      const asOf = asOfText === null ? null : new Date(asOfText);
      let lines = 0;
      for (const toDate of ['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-12-31']) {
        const expected = await referenceBilled(t.ctx, toDate, asOf);
        for (const contract of await loadContracts(t.ctx, toDate, asOf)) {
          const actual = contract.billed.map((line) => `${line.key} ${line.amountMinor} ${line.issueDate}`).sort();
          expect(actual, `${contract.subject.id} through ${toDate}`).toEqual(expected.get(contract.subject.id) ?? []);
          lines += actual.length;
        }
      }
      expect(lines).toBeGreaterThan(0);
    });
  }

  it('includes adjustment credit-note lines (negative)', async () => {
    const contracts = await loadContracts(t.ctx, '2026-04-30');
    expect(contracts.flatMap((contract) => contract.billed).some((line) => line.amountMinor < 0n && line.issueDate === '2026-04-15')).toBe(true);
  });
});
