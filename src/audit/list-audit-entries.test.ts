import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../shared/access.ts';
import { withActor } from '../shared/context.ts';
import { encodeCursor } from '../shared/http/pagination.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { makeAuditInput, recordAuditEntries } from './fixtures.ts';
import { listAuditEntries } from './list-audit-entries.ts';
import { listAuditQuerySchema, toListAuditEntriesInput, type ListAuditEntriesInput } from './schema.ts';

const alice: Actor = { kind: 'user', id: 'usr_alice', role: 'revops', teamId: null, displayName: 'Alice' };
const bob: Actor = { kind: 'api_key', id: 'key_bob', role: 'finance', teamId: null, displayName: 'Bob' };

describe('listAuditEntries', () => {
  let t: TestContext;
  // One entry an hour from 09:00Z; seq n is at (08 + n):00.
  const story = [
    { actor: null, input: makeAuditInput({ action: 'create', entityId: 'acct_1', before: null }) },
    { actor: alice, input: makeAuditInput({ action: 'update', entityId: 'acct_1' }) },
    { actor: bob, input: makeAuditInput({ action: 'create', entityType: 'invoice', entityId: 'inv_1', before: null }) },
    { actor: alice, input: makeAuditInput({ action: 'update', entityId: 'acct_2' }) },
    { actor: bob, input: makeAuditInput({ action: 'delete', entityId: 'acct_1', after: null }) },
    { actor: alice, input: makeAuditInput({ action: 'create', entityType: 'collection_settings', entityId: 'acct_1', before: null }) },
  ];

  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-15T09:00:00Z' });
    for (const [i, step] of story.entries()) {
      const ctx = { ...(step.actor ? withActor(t.ctx, step.actor) : t.ctx), requestId: `req_${i + 1}` };
      await recordAuditEntries(ctx, [step.input]);
      t.clock.advance({ hours: 1 });
    }
  });
  afterAll(() => t.close());

  const seqsOf = async (filters: Omit<ListAuditEntriesInput, 'limit'>, limit = 50) =>
    (await listAuditEntries(t.ctx, { limit, ...filters })).data.map((item) => Number(item.seq));

  it('lists the history of one record, newest first, as stored', async () => {
    const page = await listAuditEntries(t.ctx, { entityType: 'account', entityId: 'acct_1', limit: 50 });
    expect(page.data.map((item) => item.seq)).toEqual(['5', '2', '1']);
    expect(page.nextCursor).toBeNull();
    const stored = await t.ctx.db.selectFrom('audit_log').selectAll().where('seq', '=', 2n).executeTakeFirstOrThrow();
    expect(page.data[1]).toEqual({
      seq: '2',
      id: stored.id,
      occurredAt: '2026-01-15T10:00:00.000Z',
      actor: { type: 'user', id: 'usr_alice' },
      action: 'update',
      entityType: 'account',
      entityId: 'acct_1',
      before: { name: 'Old' },
      after: { name: 'New' },
      requestId: 'req_2',
      hash: stored.hash,
      prevHash: stored.prev_hash,
    });
  });

  it('matches a bare entity id across entity types', async () => {
    expect(await seqsOf({ entityId: 'acct_1' })).toEqual([6, 5, 2, 1]);
  });

  it('filters by actor, action and entity type, together or apart', async () => {
    expect(await seqsOf({ actorId: 'usr_alice' })).toEqual([6, 4, 2]);
    expect(await seqsOf({ action: 'create' })).toEqual([6, 3, 1]);
    expect(await seqsOf({ entityType: 'account', action: 'update' })).toEqual([4, 2]);
    expect(await seqsOf({ actorId: 'key_bob', entityType: 'account' })).toEqual([5]);
    expect(await seqsOf({ actorId: 'usr_nobody' })).toEqual([]);
  });

  it('takes the half-open range [from, to), exact below the millisecond', async () => {
    const at = (text: string) => Temporal.Instant.from(text);
    expect(await seqsOf({ fromAt: at('2026-01-15T10:00:00Z'), toAt: at('2026-01-15T13:00:00Z') })).toEqual([4, 3, 2]);
    expect(await seqsOf({ fromAt: at('2026-01-15T10:00:00.000001Z'), toAt: at('2026-01-15T13:00:00.000001Z') })).toEqual([5, 4, 3]);
  });

  it('pages newest first until the cursor runs out', async () => {
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEntries(t.ctx, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(page.data.map((item) => item.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([['6', '5'], ['4', '3'], ['2', '1']]);
  });

  it('keeps the filters across pages', async () => {
    const first = await listAuditEntries(t.ctx, { actorId: 'usr_alice', limit: 2 });
    expect(first.data.map((item) => item.seq)).toEqual(['6', '4']);
    const second = await listAuditEntries(t.ctx, { actorId: 'usr_alice', limit: 2, cursor: first.nextCursor ?? 'missing' });
    expect(second).toMatchObject({ data: [{ seq: '2' }], nextCursor: null });
  });

  it('refuses a cursor that does not carry a seq', async () => {
    for (const sortValue of ['six', '-1', '9223372036854775808', 6]) {
      const cursor = encodeCursor({ sortValue, id: 'aud_x' });
      await expect(listAuditEntries(t.ctx, { limit: 2, cursor }), String(sortValue)).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(listAuditEntries(t.ctx, { limit: 2, cursor: 'not base64 json' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('serves a querystring as the route parses it', async () => {
    const query = listAuditQuerySchema.parse({ entity: 'account:acct_1', action: 'update', from: '2026-01-15T09:30:00+00:00', limit: '1' });
    const page = await listAuditEntries(t.ctx, toListAuditEntriesInput(query));
    expect(page.data.map((item) => item.seq)).toEqual(['2']);
    expect(page.nextCursor).toBeNull();
  });
});
