import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from './context.ts';
import { hashAuditEntry, prepareAuditEntries, recordAudit, recordAuditEntries } from './audit.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from './db/tables.ts';

/** The hash recomputed from a stored row's columns, as the chain check does. */
function rehash(row: Selectable<AuditLogTable>): string {
  return hashAuditEntry({
    seq: row.seq.toString(), id: row.id, occurredAt: row.occurred_at.toISOString(), actorType: row.actor_type, actorId: row.actor_id,
    action: row.action, entityType: row.entity_type, entityId: row.entity_id, before: row.before, after: row.after,
    requestId: row.request_id, prevHash: row.prev_hash,
  });
}

describe('recordAudit', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('chains entries: each stores the previous hash and the head advances', async () => {
    await inTransaction(t.ctx, (tx) => recordAudit(tx, { action: 'create', entityType: 'product', entityId: 'x_1', before: null, after: { a: 1n } }));
    await inTransaction(t.ctx, (tx) => recordAudit(tx, { action: 'update', entityType: 'product', entityId: 'x_1', before: { a: 1n }, after: { a: 2n } }));
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1n, 2n]);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[1]?.after).toEqual({ a: '2' });
    const head = await t.ctx.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect(head.last_seq).toBe(2n);
    expect(head.last_hash).toBe(rows[1]?.hash);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      inTransaction(t.ctx, async (tx) => {
        await recordAudit(tx, { action: 'create', entityType: 'product', entityId: 'x_2', before: null, after: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(2n);
  });
});

describe('audit entries buffered in a transaction', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('appends them at commit in the order written, each with its own actor', async () => {
    const other = { ...t.ctx.actor, id: 'usr_other', kind: 'user' as const };
    await inTransaction(t.ctx, async (tx) => {
      await recordAudit(tx, { action: 'create', entityType: 'product', entityId: 'a', before: null, after: {} });
      expect(await tx.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(0); // not yet: at commit
      await recordAudit({ ...tx, actor: other }, { action: 'update', entityType: 'product', entityId: 'a', before: {}, after: { b: 1 } });
      await recordAudit(tx, { action: 'delete', entityType: 'product', entityId: 'a', before: { b: 1 }, after: null });
    });
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, r.action, r.actor_id])).toEqual([
      [1n, 'create', t.ctx.actor.id],
      [2n, 'update', 'usr_other'],
      [3n, 'delete', t.ctx.actor.id],
    ]);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
  });
});

describe('recordAuditEntries', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('chains a bulk write\'s entries in order, at one moment, each hash recomputable from the stored row', async () => {
    await inTransaction(t.ctx, async (tx) => {
      await recordAudit(tx, { action: 'create', entityType: 'product', entityId: 'a', before: null, after: { n: 1n } });
      await recordAuditEntries(tx, [
        { action: 'create', entityType: 'product', entityId: 'b', before: null, after: { z: 'last', a: [2, { y: null, x: 'é "q"' }] } },
        { action: 'update', entityType: 'product', entityId: 'a', before: { n: 1n }, after: { n: 2n, at: new Date('2026-01-15T09:00:00.123Z') } },
        { action: 'delete', entityType: 'product', entityId: 'b', before: { z: 'last' }, after: null },
      ]);
    });
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, r.action, r.entity_id])).toEqual([[1n, 'create', 'a'], [2n, 'create', 'b'], [3n, 'update', 'a'], [4n, 'delete', 'b']]);
    expect(rows[2]?.after).toEqual({ n: '2', at: '2026-01-15T09:00:00.123Z' });
    expect(rows[3]?.after).toBeNull();
    expect(new Set(rows.slice(1).map((r) => r.occurred_at.getTime())).size).toBe(1);
    for (const [i, row] of rows.entries()) {
      expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]?.hash);
      expect(rehash(row), `seq ${row.seq}`).toBe(row.hash);
    }
  });

  it('stores and hashes awkward values so that the stored row recomputes to its hash', async () => {
    const awkward = {
      '10': 'integer-like keys first', '9': null, b: 'quote " backslash \\ newline \n', a: 'é \u2028 ✓', 'null': 'null', nested: [undefined, 1.5, -0, 1e21, { z: 1, y: 2n }],
      at: new Date('2026-01-15T09:00:00.123Z'), gone: undefined,
    };
    await inTransaction({ ...t.ctx, requestId: 'req_1' }, async (tx) => {
      await recordAuditEntries(tx, [
        { action: 'update', entityType: 'product', entityId: 'c', before: { custom_fields: awkward }, after: awkward },
        { action: 'create', entityType: 'product', entityId: 'd', before: undefined, after: new Date(Number.NaN) },
      ]);
    });
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', 'in', ['c', 'd']).orderBy('seq').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.after).toEqual({ '10': 'integer-like keys first', '9': null, b: awkward.b, a: awkward.a, 'null': 'null', nested: [null, 1.5, 0, 1e21, { z: 1, y: '2' }], at: '2026-01-15T09:00:00.123Z' });
    expect(rows[0]?.request_id).toBe('req_1');
    // An invalid date serializes to JSON null: stored as SQL null, as before/after of nothing are.
    expect([rows[1]?.before, rows[1]?.after]).toEqual([null, null]);
    for (const row of rows) {
      expect(rehash(row), `seq ${row.seq}`).toBe(row.hash);
    }
  });

  it('chains entries prepared before commit (prepareAuditEntries) like the others, in the order written', async () => {
    const before = await t.ctx.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    await inTransaction(t.ctx, async (tx) => {
      await recordAuditEntries(tx, [
        { action: 'create', entityType: 'ticket', entityId: 'p_1', before: null, after: { n: 1n, s: 'é "q"' } },
        { action: 'update', entityType: 'ticket', entityId: 'p_1', before: { n: 1n }, after: { n: 2n } },
      ]);
      prepareAuditEntries(tx);
      await recordAudit(tx, { action: 'delete', entityType: 'ticket', entityId: 'p_1', before: { n: 2n }, after: null });
      prepareAuditEntries(tx);
      await recordAudit(tx, { action: 'create', entityType: 'ticket', entityId: 'p_2', before: null, after: {} });
    });
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'ticket').orderBy('seq').execute();
    expect(rows.map((r) => [r.seq - before.last_seq, r.action, r.entity_id])).toEqual([[1n, 'create', 'p_1'], [2n, 'update', 'p_1'], [3n, 'delete', 'p_1'], [4n, 'create', 'p_2']]);
    expect(rows[0]?.after).toEqual({ n: '1', s: 'é "q"' });
    for (const [i, row] of rows.entries()) {
      expect(row.prev_hash).toBe(i === 0 ? before.last_hash : rows[i - 1]?.hash);
      expect(rehash(row), `seq ${row.seq}`).toBe(row.hash);
    }
  });

  it('chains across the statements a large append is split into', async () => {
    const before = await t.ctx.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    await inTransaction(t.ctx, (tx) => recordAuditEntries(tx, Array.from({ length: 2_001 }, (_, i) => (
      { action: 'create', entityType: 'team', entityId: `e_${i}`, before: null, after: { i } }))));
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'team').orderBy('seq').execute();
    expect(rows).toHaveLength(2_001);
    expect(rows[0]?.prev_hash).toBe(before.last_hash);
    expect(rows[2_000]?.prev_hash).toBe(rows[1_999]?.hash);
    expect(rows[2_000]?.after).toEqual({ i: 2_000 });
    const head = await t.ctx.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect([head.last_seq, head.last_hash]).toEqual([before.last_seq + 2_001n, rows[2_000]?.hash]);
  });
});

