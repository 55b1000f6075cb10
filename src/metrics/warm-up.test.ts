import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createSubscription } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { listMetrics } from './index.ts';
import { warmUpMetrics } from './warm-up.ts';

describe('warmUpMetrics', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(); // today is 2026-01-15
    const account = await createAccount(t.ctx, { name: 'Warm GmbH', currency: 'EUR', country: 'DE' });
    await createSubscription(t.ctx, { accountId: account.id, currency: 'EUR', startDate: '2025-03-01', items: [{ itemKey: 'seats', quantity: 5, unitPriceMinor: 4_000 }] });
  });
  afterAll(() => t.close());

  it('computes every metric of the catalogue once, none failing, and writes nothing', async () => {
    const auditBefore = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(await warmUpMetrics(t.ctx)).toEqual({ computed: listMetrics().length, failed: 0 });
    const auditAfter = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
  });

  it('stops between metrics once told to (a shutdown does not wait for the whole round)', async () => {
    let asked = 0;
    const done = await warmUpMetrics(t.ctx, () => (asked += 1) > 3);
    expect(done).toEqual({ computed: 3, failed: 0 });
  });
});
