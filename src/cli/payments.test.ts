import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { importEcbRatesCsv } from '../metrics/index.ts';
import { setCollectionSettings } from '../payments/index.ts';
import { makeCustomer, makeIssuedInvoice } from '../payments/fixtures.ts';
import { runArAging, runDunningCommand, runPaymentsImport } from './payments.ts';

function capture() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('revline payments import / ar aging / dunning run', () => {
  let t: TestContext;
  let dir: string;
  beforeEach(async () => {
    t = await createTestContext({ start: '2026-03-10T09:00:00Z' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-cli-payments-'));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a statement (exit 1 on a bad line), ages AR and writes reminders to the outbox', async () => {
    const accountId = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, number: 'INV-CLI-1', dueDate: '2026-03-01' });
    const file = path.join(dir, 'statement.csv');
    fs.writeFileSync(file, `date,amount,currency,reference,transaction_id\n2026-03-09,40.00,EUR,INV-CLI-1,t1\n2026-03-09,abc,EUR,INV-CLI-1,t2\n2026-03-09,-5.00,EUR,bank fee,t3\n`);
    const dry = capture();
    expect(await runPaymentsImport(t.ctx, file, { dryRun: true, out: dry.out })).toBe(1);
    expect(dry.text()).toContain('Dry run — nothing saved. 1 payments would be recorded, 0 duplicates, 1 skipped, 1 errors');
    expect(dry.text()).toContain('line 4: skipped, money going out (not a customer payment)');
    const real = capture();
    expect(await runPaymentsImport(t.ctx, file, { json: true, out: real.out })).toBe(1);
    expect(JSON.parse(real.text()).counts).toEqual({ recorded: 1, would_record: 0, duplicate: 0, skipped: 1, error: 1 });

    const aging = capture();
    expect(await runArAging(t.ctx, { asOf: '2026-03-10', out: aging.out })).toBe(0);
    expect(aging.text()).toMatch(/TOTAL\s+EUR\s+0\.00\s+60\.00\s+0\.00\s+0\.00\s+0\.00\s+60\.00/);

    await setCollectionSettings(t.ctx, accountId, { billingEmail: 'ap@example.com', language: 'en' });
    const dunning = capture();
    const outboxDir = path.join(dir, 'outbox');
    expect(await runDunningCommand(t.ctx, { smtpUrl: undefined, outboxDir, mailFrom: 'ar@example.com' }, { date: '2026-03-10', out: dunning.out })).toBe(0);
    expect(dunning.text()).toContain('INV-CLI-1 reminder: sent');
    expect(fs.readdirSync(outboxDir)).toHaveLength(1);
  });

  it('ages AR in a reporting currency with --currency, at the rate of the as-of date', async () => {
    const accountId = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, dueDate: '2026-03-01' });
    await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_811n, currency: 'USD', dueDate: '2026-03-01' });
    await importEcbRatesCsv(t.ctx, 'Date,USD,\n2026-03-09,1.0811,\n2026-03-02,1.2000,\n');
    const aging = capture();
    expect(await runArAging(t.ctx, { asOf: '2026-03-10', currency: 'EUR', out: aging.out })).toBe(0);
    const text = aging.text();
    expect(text).toContain('AR aging as of 2026-03-10 (document currency, then EUR: 1 USD = 1/1.0811 EUR (2026-03-09))');
    // USD 108.11 / 1.0811 = EUR 100.00 exactly; with the EUR invoice EUR 200.00 — document totals stay per currency.
    expect(text).toMatch(/TOTAL\s+USD\s+0\.00\s+108\.11\s+0\.00\s+0\.00\s+0\.00\s+108\.11/);
    expect(text).toMatch(/TOTAL\s+EUR\s+0\.00\s+200\.00\s+0\.00\s+0\.00\s+0\.00\s+200\.00/);
    const only = capture();
    expect(await runArAging(t.ctx, { asOf: '2026-03-10', documentCurrency: 'USD', json: true, out: only.out })).toBe(0);
    expect(JSON.parse(only.text()).totals).toEqual([{
      currency: 'USD', buckets: expect.objectContaining({ total: { amountMinor: 10_811, currency: 'USD' } }),
      unappliedCredits: { amountMinor: 0, currency: 'USD' }, net: { amountMinor: 10_811, currency: 'USD' },
    }]);
  });

  it('lists unapplied credit notes and net AR beside the buckets', async () => {
    const accountId = await makeCustomer(t.ctx);
    await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n, dueDate: '2026-03-01' });
    // An adjustment credit note not yet applied (written past billing, as apply-credit-notes.test.ts does).
    await sql`insert into credit_notes (id, number, kind, account_id, currency, issue_date, subtotal_minor, tax_minor, total_minor, reason, issued_at, created_at)
      values ('cn_CLI00000000000000000000001', 'CN-2026-900001', 'adjustment', ${accountId}, 'EUR', '2026-03-05', -2500, 0, 2500, 'test credit', now(), now())`.execute(t.ctx.db);
    const aging = capture();
    expect(await runArAging(t.ctx, { asOf: '2026-03-10', out: aging.out })).toBe(0);
    const text = aging.text();
    expect(text).toMatch(/customer\s+currency\s+current\s+1-30\s+31-60\s+61-90\s+>90\s+total\s+credits\s+net/);
    expect(text).toMatch(/TOTAL\s+EUR\s+0\.00\s+100\.00\s+0\.00\s+0\.00\s+0\.00\s+100\.00\s+-25\.00\s+75\.00/);
    expect(text).toContain('CN-2026-900001');
  });

  it('rejects a statement line dated after today, naming its line and the date column', async () => {
    const accountId = await makeCustomer(t.ctx);
    const file = path.join(dir, 'future.csv');
    fs.writeFileSync(file, `date,amount,currency,reference,account_id,transaction_id\n2026-03-11,40.00,EUR,early,${accountId},fut-1\n`);
    const result = capture();
    expect(await runPaymentsImport(t.ctx, file, { out: result.out })).toBe(1);
    expect(result.text()).toMatch(/line 2: date: 2026-03-11 is after today \(2026-03-10\)/);
  });
});
