import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { changeSubscriptionItems, createSubscription } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { runMetrics } from './metrics.ts';

function capture(): PassThrough & { text(): string } {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), { text: () => Buffer.concat(chunks).toString('utf8') });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return stream;
}

describe('revline metrics --as-of', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2024-01-10T09:00:00Z' });
    const accountId = (await createAccount(t.ctx, { name: 'Early', segment: 'smb', currency: 'USD' })).id;
    const subscription = await createSubscription(t.ctx, { accountId, currency: 'USD', startDate: '2024-01-01', items: [{ itemKey: 'seat', quantity: 2, unitPriceMinor: 10_000 }] });
    t.clock.set('2024-04-10T09:00:00Z');
    await changeSubscriptionItems(t.ctx, { id: subscription.id, effectiveDate: '2024-02-01', changes: [{ action: 'update', itemKey: 'seat', quantity: 3 }] });
  });
  afterAll(() => t.close());

  it('prints the figures as reported, then each beside its restatement', async () => {
    const out = capture();
    expect(await runMetrics(t.ctx, 'mrr', { from: '2024-02', to: '2024-02', asOf: '2024-03-31T23:59:59Z', out })).toBe(0);
    // The table above is the figure as reported (its columns belong to the plain report).
    expect(out.text()).toMatch(/^period\s+currency\s+mrr[^\n]*\n2024-02\s+USD\s+200\.00\b/);
    expect(out.text().split('\n').slice(-4)).toEqual([
      'As reported at 2024-03-31T23:59:59Z and as restated now (mrr):',
      'period   currency  as reported  as restated  restatement',
      '2024-02  USD            200.00       300.00       100.00',
      '',
    ]);
    const json = capture();
    await runMetrics(t.ctx, 'mrr', { from: '2024-02', to: '2024-02', asOf: '2024-03-31T23:59:59Z', json: true, out: json });
    expect(JSON.parse(json.text())).toMatchObject({ series: [{ value: 20_000, restatedValue: 30_000, restatement: 10_000 }] });
  });

  it('refuses a bad instant with a message naming the option', async () => {
    const error = await runMetrics(t.ctx, 'mrr', { from: '2024-02', to: '2024-02', asOf: 'last March', out: capture() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^--as-of: expected an instant/); // the option typed, not the API's querystring.asOf
  });
});
