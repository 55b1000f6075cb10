import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashAuditEntry, type AuditInput } from '../shared/audit.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { makeAuditInput, recordAuditEntries, resetAuditLog, tamperWithAuditLog } from './fixtures.ts';
import { toVerifyResultJson, verifyAuditChain } from './verify-chain.ts';

// Values whose JSON text changes on the way through jsonb (key order, number
// spelling, escapes): the hash must still match after reading them back.
const AWKWARD_INPUTS: AuditInput[] = [
  makeAuditInput({
    action: 'create',
    before: null,
    after: {
      zeta: 1,
      alpha: { mu: [3, { b: 2, a: 1 }], beta: null, Alpha: 'upper first' },
      name: 'Zoë — 東京 🚀 e\u0301',
      amountMinor: 123456789012345678901234567890n,
      rate: 1.5,
      tiny: 1e-7,
      huge: 1e21,
      inexact: 0.1 + 0.2,
      unsafe: 2 ** 53 + 2,
      negativeZero: -0,
      empty: {},
      list: [],
      dropped: undefined,
    },
  }),
  makeAuditInput({
    before: { é: 'accent key', '\u2028': 'line separator key', quote: 'say "hi" \\ ok', control: 'a\nb\tc\u0001' },
    after: { at: new Date('2026-01-15T09:00:00.123Z'), flag: true, nested: { z: { y: { x: [{ b: 1, a: 2 }] } } } },
  }),
  makeAuditInput({ action: 'delete', before: 'a bare string', after: undefined }),
  makeAuditInput({ before: [1, 'two', null, { b: 1n, a: 0.5 }], after: 42 }),
];

const entries = (n: number): AuditInput[] => Array.from({ length: n }, (_, i) => makeAuditInput({ entityId: `acct_${i + 1}` }));

describe('verifyAuditChain', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  beforeEach(() => resetAuditLog(t.ctx));
  afterAll(() => t.close());

  const rowAt = (seq: bigint) => t.ctx.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  it('accepts an empty chain', async () => {
    expect(await verifyAuditChain(t.ctx)).toEqual({ ok: true, checked: 0, headSeq: 0n });
  });

  it('re-computes the stored hash of entries whose JSON jsonb normalises', async () => {
    await recordAuditEntries(t.ctx, AWKWARD_INPUTS);
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(AWKWARD_INPUTS.length);
    for (const row of rows) {
      const recomputed = hashAuditEntry({
        seq: row.seq.toString(), id: row.id, occurredAt: row.occurred_at.toISOString(), actorType: row.actor_type,
        actorId: row.actor_id, action: row.action, entityType: row.entity_type, entityId: row.entity_id,
        before: row.before, after: row.after, requestId: row.request_id, prevHash: row.prev_hash,
      });
      expect(recomputed, `seq ${row.seq}`).toBe(row.hash);
    }
    expect(await verifyAuditChain(t.ctx)).toEqual({ ok: true, checked: 4, headSeq: 4n });
  });

  it('verifies 500 entries in batches, reporting progress up to the total', async () => {
    await recordAuditEntries(t.ctx, entries(500));
    const progress: Array<[number, number]> = [];
    const result = await verifyAuditChain(t.ctx, { batchSize: 64, onProgress: (checked, total) => progress.push([checked, total]) });
    expect(result).toEqual({ ok: true, checked: 500, headSeq: 500n });
    expect(progress).toHaveLength(8);
    expect(progress[0]).toEqual([64, 500]);
    expect(progress.at(-1)).toEqual([500, 500]);
  });

  it('reports exactly the middle entry edited behind the trigger', async () => {
    await recordAuditEntries(t.ctx, entries(10));
    const target = await rowAt(5n);
    await tamperWithAuditLog(t.ctx, (db) => db.updateTable('audit_log').set({ after: JSON.stringify({ name: 'Forged' }) }).where('seq', '=', 5n).execute());
    const result = await verifyAuditChain(t.ctx, { batchSize: 3 });
    expect(result).toEqual({
      ok: false,
      checked: 4,
      problem: { kind: 'hash_mismatch', seq: 5n, id: target.id, message: `hash mismatch — entry ${target.id} was modified after it was written` },
    });
  });

  it('detects a change to any hashed column, and passes again once it is restored', async () => {
    await recordAuditEntries(t.ctx, entries(6));
    const original = await rowAt(3n);
    const forgeries = {
      id: 'aud_forged', occurred_at: new Date('2026-01-15T09:00:00.001Z'), actor_type: 'user', actor_id: 'usr_x', action: 'delete',
      entity_type: 'contact', entity_id: 'acct_99', before: JSON.stringify({ name: 'Old ' }), after: JSON.stringify(null),
      request_id: 'req_forged', prev_hash: 'f'.repeat(64), hash: 'e'.repeat(64),
    } as const;
    for (const [column, value] of Object.entries(forgeries)) {
      await tamperWithAuditLog(t.ctx, (db) => db.updateTable('audit_log').set({ [column]: value }).where('seq', '=', 3n).execute());
      const result = await verifyAuditChain(t.ctx);
      expect(result.ok ? null : [result.problem.kind, result.problem.seq], column).toEqual(['hash_mismatch', 3n]);
      const restore = { [column]: column === 'before' || column === 'after' ? JSON.stringify(original[column]) : original[column as keyof typeof original] };
      await tamperWithAuditLog(t.ctx, (db) => db.updateTable('audit_log').set(restore).where('seq', '=', 3n).execute());
      expect(await verifyAuditChain(t.ctx), `${column} restored`).toMatchObject({ ok: true, checked: 6 });
    }
  });

  it('reports a broken link when a forger re-computes the edited entry’s own hash', async () => {
    await recordAuditEntries(t.ctx, entries(5));
    const row = await rowAt(3n);
    const after = { name: 'Forged' };
    const hash = hashAuditEntry({
      seq: '3', id: row.id, occurredAt: row.occurred_at.toISOString(), actorType: row.actor_type, actorId: row.actor_id,
      action: row.action, entityType: row.entity_type, entityId: row.entity_id, before: row.before, after, requestId: row.request_id,
      prevHash: row.prev_hash,
    });
    await tamperWithAuditLog(t.ctx, (db) => db.updateTable('audit_log').set({ after: JSON.stringify(after), hash }).where('seq', '=', 3n).execute());
    const result = await verifyAuditChain(t.ctx);
    expect(result).toMatchObject({ ok: false, checked: 3, problem: { kind: 'broken_link', seq: 4n } });
  });

  it('reports a deleted middle entry as missing at its seq', async () => {
    await recordAuditEntries(t.ctx, entries(10));
    await tamperWithAuditLog(t.ctx, (db) => db.deleteFrom('audit_log').where('seq', '=', 5n).execute());
    const result = await verifyAuditChain(t.ctx, { batchSize: 4 });
    expect(result).toMatchObject({ ok: false, checked: 4, problem: { kind: 'missing_entry', seq: 5n } });
  });

  it('detects the last entry edited together with the head', async () => {
    await recordAuditEntries(t.ctx, entries(4));
    const forgedHash = 'a'.repeat(64);
    await tamperWithAuditLog(t.ctx, async (db) => {
      await db.updateTable('audit_log').set({ after: JSON.stringify({ name: 'Forged' }), hash: forgedHash }).where('seq', '=', 4n).execute();
      await db.updateTable('audit_chain_head').set({ last_hash: forgedHash }).where('id', '=', 1).execute();
    });
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, checked: 3, problem: { kind: 'hash_mismatch', seq: 4n } });
  });

  it('reports a head whose hash is not the last entry’s', async () => {
    await recordAuditEntries(t.ctx, entries(4));
    await t.ctx.db.updateTable('audit_chain_head').set({ last_hash: 'b'.repeat(64) }).where('id', '=', 1).execute();
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, checked: 4, problem: { kind: 'head_mismatch', seq: 4n } });
  });

  it('reports a deleted last entry as missing', async () => {
    await recordAuditEntries(t.ctx, entries(4));
    await tamperWithAuditLog(t.ctx, (db) => db.deleteFrom('audit_log').where('seq', '=', 4n).execute());
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, checked: 3, problem: { kind: 'missing_entry', seq: 4n } });
  });

  it('reports entries hidden behind a head wound back', async () => {
    await recordAuditEntries(t.ctx, entries(4));
    const third = await rowAt(3n);
    const fourth = await rowAt(4n);
    await t.ctx.db.updateTable('audit_chain_head').set({ last_seq: 3n, last_hash: third.hash }).where('id', '=', 1).execute();
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, checked: 3, problem: { kind: 'extra_entry', seq: 4n, id: fourth.id } });
  });

  it('reports a row forged before seq 1', async () => {
    await recordAuditEntries(t.ctx, entries(2));
    const first = await rowAt(1n);
    await tamperWithAuditLog(t.ctx, async (db) => {
      await sql`alter table audit_log drop constraint audit_log_seq_check`.execute(db);
      await sql`insert into audit_log select 0, 'aud_forged', occurred_at, actor_type, actor_id, action, entity_type, entity_id,
        before, after, request_id, prev_hash, hash from audit_log where seq = 1`.execute(db);
    });
    expect(first.id).not.toBe('aud_forged');
    expect(await verifyAuditChain(t.ctx)).toMatchObject({ ok: false, checked: 0, problem: { kind: 'extra_entry', seq: 0n, id: 'aud_forged' } });
  });

  it('verifies up to the head it started from while a writer appends', async () => {
    await recordAuditEntries(t.ctx, entries(10));
    let append: Promise<void> | undefined;
    const result = await verifyAuditChain(t.ctx, {
      batchSize: 3,
      onProgress: () => {
        append ??= recordAuditEntries(t.ctx, entries(2));
      },
    });
    await append;
    expect(result).toEqual({ ok: true, checked: 10, headSeq: 10n });
    expect(await verifyAuditChain(t.ctx)).toEqual({ ok: true, checked: 12, headSeq: 12n });
  });
});

describe('toVerifyResultJson', () => {
  it('writes bigints as decimal strings', () => {
    expect(toVerifyResultJson({ ok: true, checked: 3, headSeq: 3n })).toEqual({ ok: true, checked: 3, headSeq: '3' });
    const problem = { kind: 'missing_entry', seq: 9007199254740993n, message: 'missing entry' } as const;
    expect(toVerifyResultJson({ ok: false, checked: 1, problem })).toEqual({ ok: false, checked: 1, problem: { ...problem, seq: '9007199254740993' } });
  });
});
