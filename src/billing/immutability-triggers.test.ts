import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { makeAccount, makeSubscriptionInput } from './fixtures.ts';
import { createSubscription, upsertImportedInvoice } from './index.ts';

/** What the database said: the SQLSTATE, so a CHECK failure cannot pass for the trigger. */
async function refusal(statement: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await statement.then(() => new Error('expected the database to refuse'), (e: unknown) => e);
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code: String(code), message: String(message) };
}
const REFUSED = '55000'; // object_not_in_prerequisite_state, raised by the billing triggers

describe('database guards on financial records (PGlite and PostgreSQL alike)', () => {
  let t: TestContext;
  let accountId: string;
  let issuedId: string;
  beforeAll(async () => {
    t = await createTestContext();
    accountId = await makeAccount(t.ctx);
    const imported = await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'chargebee', externalId: 'inv-9', accountId, number: 'CB-9', currency: 'USD', issueDate: '2025-03-01', subtotalMinor: 10_000,
      lines: [{ description: 'Plan', quantity: '1', amountMinor: 10_000 }],
    });
    issuedId = imported.record.id;
  });
  afterAll(() => t.close());

  it('refuses an UPDATE of the total (or any content) of an issued invoice', async () => {
    const total = await refusal(sql`update invoices set subtotal_minor = 12000, total_minor = 12000 where id = ${issuedId}`.execute(t.ctx.db));
    expect(total.code).toBe(REFUSED);
    expect(total.message).toMatch(/only its payment progress may change/);
    expect((await refusal(sql`update invoices set number = 'CB-10' where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    expect((await refusal(sql`update invoices set due_date = '2025-04-01' where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    // The customer it was issued to (migration 202612131000) is part of the document too.
    expect((await refusal(sql`update invoices set customer_name = 'Someone else', customer_tax_id = 'DE136695976' where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    // …and the address it was issued to (migration 202612140300).
    expect((await refusal(sql`update invoices set customer_address = 'Elsewhere 1' where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    const row = await sql<{ total_minor: bigint }>`select total_minor from invoices where id = ${issuedId}`.execute(t.ctx.db);
    expect(row.rows[0]?.total_minor).toBe(10_000n);
  });

  it('refuses changes to the lines of an issued invoice and its deletion', async () => {
    const insert = sql`insert into invoice_lines (invoice_id, line_number, currency, description, quantity, amount_minor, created_at, updated_at)
      values (${issuedId}, 2, 'USD', 'Extra', 1, 500, now(), now())`;
    expect((await refusal(insert.execute(t.ctx.db))).code).toBe(REFUSED);
    expect((await refusal(sql`update invoice_lines set amount_minor = 1 where invoice_id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    expect((await refusal(sql`delete from invoice_lines where invoice_id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    expect((await refusal(sql`delete from invoices where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
  });

  it('refuses a line onto an issued invoice with the key to its invoice deferred too, and a line whose invoice never comes', async () => {
    // The billing run defers that key to write an issued invoice's lines before it (migration 202612091000).
    const other = await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'chargebee', externalId: 'inv-10', accountId, number: 'CB-10', currency: 'USD', issueDate: '2025-03-01', subtotalMinor: 500,
      lines: [{ description: 'Plan', quantity: '1', amountMinor: 500 }],
    });
    const lineOf = (invoiceId: string) => sql`insert into invoice_lines (invoice_id, line_number, currency, description, quantity, amount_minor, created_at, updated_at)
      values (${invoiceId}, 2, 'USD', 'Extra', 1, 500, now(), now())`;
    const deferred = (invoiceId: string) => t.ctx.db.transaction().execute(async (trx) => {
      await sql`set constraints invoice_lines_invoice deferred`.execute(trx);
      await lineOf(invoiceId).execute(trx);
    });
    const onIssued = await refusal(deferred(other.record.id));
    expect(onIssued.code).toBe(REFUSED);
    expect(onIssued.message).toMatch(/lines can be added only to drafts/);
    expect((await refusal(deferred('inv_never_written'))).code).toBe('23503');
    const lines = await sql<{ n: string }>`select count(*) as n from invoice_lines where invoice_id in (${other.record.id}, 'inv_never_written')`.execute(t.ctx.db);
    expect(Number(lines.rows[0]?.n)).toBe(1);
  });

  it('lets the payment progress move: issued → paid, paid → issued, issued → void; void is final', async () => {
    await sql`update invoices set status = 'paid', amount_paid_minor = 10000, amount_due_minor = 0, paid_at = now() where id = ${issuedId}`.execute(t.ctx.db);
    expect((await refusal(sql`update invoices set status = 'void', voided_at = now() where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    await sql`update invoices set status = 'issued', amount_paid_minor = 0, amount_due_minor = 10000, paid_at = null where id = ${issuedId}`.execute(t.ctx.db);
    await sql`update invoices set status = 'void', amount_due_minor = 0, voided_at = now() where id = ${issuedId}`.execute(t.ctx.db);
    expect((await refusal(sql`update invoices set status = 'issued' where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
    expect((await refusal(sql`update invoices set status = 'draft' where id = ${issuedId}`.execute(t.ctx.db))).code).toBe(REFUSED);
  });

  it('leaves drafts editable', async () => {
    await sql`insert into invoices (id, account_id, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, amount_paid_minor, amount_due_minor, created_at, updated_at)
      values ('inv_draft', ${accountId}, 'draft', 'USD', 100, 0, 0, 100, 0, 100, now(), now())`.execute(t.ctx.db);
    await sql`insert into invoice_lines (invoice_id, line_number, currency, description, quantity, amount_minor, created_at, updated_at)
      values ('inv_draft', 1, 'USD', 'Draft line', 1.5, 200, now(), now())`.execute(t.ctx.db);
    await sql`update invoices set subtotal_minor = 200, total_minor = 200, amount_due_minor = 200 where id = 'inv_draft'`.execute(t.ctx.db);
    await sql`delete from invoice_lines where invoice_id = 'inv_draft'`.execute(t.ctx.db);
    await sql`delete from invoices where id = 'inv_draft'`.execute(t.ctx.db);
  });

  it('keeps subscription item versions immutable except closing an open one once', async () => {
    const { id } = await createSubscription(t.ctx, makeSubscriptionInput(accountId));
    expect((await refusal(sql`update subscription_items set quantity = 99 where subscription_id = ${id}`.execute(t.ctx.db))).code).toBe(REFUSED);
    await sql`update subscription_items set effective_to_date = '2026-03-01' where subscription_id = ${id}`.execute(t.ctx.db);
    expect((await refusal(sql`update subscription_items set effective_to_date = '2026-04-01' where subscription_id = ${id}`.execute(t.ctx.db))).code).toBe(REFUSED);
    expect((await refusal(sql`delete from subscription_items where subscription_id = ${id}`.execute(t.ctx.db))).code).toBe(REFUSED);
  });

  it('refuses an item or allocation in another currency than its parent (composite foreign keys)', async () => {
    const { id } = await createSubscription(t.ctx, makeSubscriptionInput(accountId));
    const item = sql`insert into subscription_items (subscription_id, currency, item_key, kind, quantity, unit_price_minor, discount_bps, billing_interval_months, timing, effective_from_date, created_at, updated_at)
      values (${id}, 'EUR', 'x', 'recurring', 1, 1, 0, 1, 'in_advance', '2026-02-01', now(), now())`;
    expect((await refusal(item.execute(t.ctx.db))).code).toBe('23503');
  });
});
