import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createAccount } from '../../crm/index.ts';
import { inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { TargetRecord } from './adapter.ts';
import { subscriptionAdapter } from './subscription.ts';

describe('subscription target', () => {
  let t: TestContext;
  let record: TargetRecord;
  beforeAll(async () => {
    t = await createTestContext();
    const account = await createAccount(t.ctx, { name: 'Telco customer', currency: 'USD' });
    record = {
      sourceSystem: 'telco', externalId: 'cust-1', customFields: null,
      values: { accountId: account.id, startDate: '2025-01-01', planLabel: 'Fiber', mrr: { amountMinor: 7_000n, currency: 'USD' } },
    };
  });
  afterAll(() => t.close());

  it('updates by the recorded id: the same record is unchanged, and a subscription deleted since is reported, not re-created', async () => {
    const { id } = await inTransaction(t.ctx, (tx) => subscriptionAdapter.create(tx, record));
    expect(await inTransaction(t.ctx, (tx) => subscriptionAdapter.update(tx, id, record))).toBe('unchanged');

    // No service deletes subscriptions and item versions are never deleted: an operator's removal, triggers off.
    await t.ctx.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from subscription_items where subscription_id = ${id}`.execute(trx);
      await sql`delete from subscriptions where id = ${id}`.execute(trx);
    });
    const error: unknown = await inTransaction(t.ctx, (tx) => subscriptionAdapter.update(tx, id, record)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from subscriptions`.execute(t.ctx.db);
    expect(rows[0]?.n).toBe(0);
  });
});
