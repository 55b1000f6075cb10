import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createSubscription } from '../billing/index.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from '../billing/fixtures.ts';
import { BILLING_EXIT, runBillingCommand } from './billing.ts';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  return { io: { out, err }, text: () => text };
}

describe('revline billing run', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-02-01T06:00:00Z' });
    const accountId = await makeAccount(t.ctx);
    await createSubscription(t.ctx, makeSubscriptionInput(accountId, { startDate: '2026-01-01', items: [makeItemInput()] }));
  });
  afterAll(() => t.close());

  it('bills and issues through the date, prints a summary or JSON, and a rerun bills nothing', async () => {
    const first = capture();
    expect(await runBillingCommand(t.ctx, { date: '2026-02-01', issue: true }, first.io)).toBe(BILLING_EXIT.completed);
    expect(first.text()).toMatch(/invoices drafted: 2\n {2}invoices issued: 2\n/);
    const second = capture();
    expect(await runBillingCommand(t.ctx, { date: '2026-02-01', issue: true, json: true }, second.io)).toBe(BILLING_EXIT.completed);
    expect(JSON.parse(second.text())).toMatchObject({ date: '2026-02-01', subscriptions: 1, invoicesDrafted: 0, invoicesIssued: 0, errors: [] });
  });
});
