import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { accrueCommission, createPlan } from '../commissions/index.ts';
import { makeBookingRecorded, makePlanInput, makeRepWithDeal } from '../commissions/fixtures.ts';
import { inTransaction } from '../shared/context.ts';
import { runCommissionStatement } from './commissions.ts';

function capture(): PassThrough & { text(): string } {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), { text: () => Buffer.concat(chunks).toString('utf8') });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return stream;
}

describe('revline commissions statement', () => {
  let t: TestContext;
  let repUserId: string;
  beforeAll(async () => {
    t = await createTestContext();
    const deal = await makeRepWithDeal(t.ctx);
    repUserId = deal.repUserId;
    await createPlan(t.ctx, makePlanInput([repUserId]));
    const booking = makeBookingRecorded(deal, { bookingId: 'bkg_cli1' });
    await inTransaction(t.ctx, (tx) => accrueCommission(tx, {
      bookingId: 'bkg_cli1', orderId: null, opportunityId: deal.opportunityId, accountId: deal.accountId, ownerUserId: null, bookingType: 'new',
      currency: 'USD', firstYearMinor: 738_005n, acvMinor: 738_005n, bookedDate: String(booking['bookedDate']),
      lines: [{ productFamily: 'platform', acvMinor: 588_005n, firstYearMinor: 588_005n }, { productFamily: 'services', acvMinor: 150_000n, firstYearMinor: 150_000n }],
    }));
  });
  afterAll(() => t.close());

  it('prints the month’s entries and totals as exact decimals', async () => {
    const out = capture();
    expect(await runCommissionStatement(t.ctx, { rep: repUserId, period: '2026-02', out })).toBe(0);
    expect(out.text()).toBe([
      `Commission statement for ${repUserId}, 2026-02 [2026-02-01 – 2026-03-01)`,
      '  2026-02-01  accrual   new        bkg_cli1          738.01 USD',
      '  Total USD: accrued 738.01 USD, clawed back 0.00 USD, net 738.01 USD',
      '',
    ].join('\n'));
  });

  it('prints JSON with --json and says so when a month is empty', async () => {
    const json = capture();
    await runCommissionStatement(t.ctx, { rep: repUserId, period: '2026-02', json: true, out: json });
    expect(JSON.parse(json.text())).toMatchObject({ totals: [{ net: { amountMinor: 73_801, currency: 'USD' } }] });
    const empty = capture();
    await runCommissionStatement(t.ctx, { rep: repUserId, period: '2026-05', out: empty });
    expect(empty.text()).toContain('No commission entries in this period.');
  });
});
