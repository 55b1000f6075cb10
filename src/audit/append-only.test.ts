import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/202611230002_protect_audit_log.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { makeAuditInput, recordAuditEntries } from './fixtures.ts';
import { verifyAuditChain } from './verify-chain.ts';

// Migration 202611230002: the database refuses to change audit entries.
describe('audit_log append-only triggers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await recordAuditEntries(t.ctx, [makeAuditInput({ entityId: 'acct_1' }), makeAuditInput({ entityId: 'acct_2' })]);
  });
  afterAll(() => t.close());

  const rows = () => t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

  it('refuses an UPDATE and leaves the row as it was', async () => {
    const before = await rows();
    await expect(t.ctx.db.updateTable('audit_log').set({ actor_id: 'usr_mallory' }).where('seq', '=', 1n).execute()).rejects.toThrow(
      /audit_log is append-only: UPDATE refused/,
    );
    expect(await rows()).toEqual(before);
  });

  it('refuses a DELETE', async () => {
    await expect(t.ctx.db.deleteFrom('audit_log').where('seq', '=', 2n).execute()).rejects.toThrow(/append-only: DELETE refused/);
    expect(await rows()).toHaveLength(2);
  });

  it('refuses a TRUNCATE', async () => {
    await expect(sql`truncate audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await rows()).toHaveLength(2);
  });

  it('still takes new entries', async () => {
    await recordAuditEntries(t.ctx, [makeAuditInput({ entityId: 'acct_3' })]);
    expect(await verifyAuditChain(t.ctx)).toEqual({ ok: true, checked: 3, headSeq: 3n });
  });

  it('goes down and up again', async () => {
    // Migrations see the database untyped, as in migrate.ts.
    const untyped = t.ctx.db as unknown as Kysely<unknown>;
    await down(untyped);
    await t.ctx.db.updateTable('audit_log').set({ actor_id: 'system' }).where('seq', '=', 1n).execute();
    await up(untyped);
    await expect(t.ctx.db.deleteFrom('audit_log').where('seq', '=', 1n).execute()).rejects.toThrow(/append-only/);
  });
});
