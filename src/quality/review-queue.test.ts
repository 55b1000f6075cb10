import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount, findAccount } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import {
  confirmMatchCandidate, listMatchCandidates, rejectMatchCandidate, resolveAccountId, runIdentityResolution, unmergeRecords,
} from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('review queue', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('queues name-only matches between the thresholds, best first, and confirms one into a merge', async () => {
    const older = await createAccount(t.ctx, { name: 'Initech Inc.', country: 'US', currency: 'USD' });
    const newer = await createAccount(t.ctx, { name: 'INITECH', country: 'US', currency: 'USD' });
    const weaker = await createAccount(t.ctx, { name: 'Hooli', currency: 'USD' });
    const weakerTwin = await createAccount(t.ctx, { name: 'Hooli LLC', currency: 'USD' });
    const run = await runIdentityResolution(t.ctx);
    expect(run.merged).toEqual([]);
    expect(run.queued.map((c) => [c.accountIds, c.score, c.status])).toEqual([
      [[older.id, newer.id], 0.9, 'pending'],
      [[weaker.id, weakerTwin.id], 0.8, 'pending'],
    ]);
    // Running again proposes nothing new: the pairs are already waiting.
    expect((await runIdentityResolution(t.ctx)).queued).toEqual([]);
    const page = await listMatchCandidates(t.ctx, { limit: 1 });
    expect(page.data.map((c) => c.accountIds)).toEqual([[older.id, newer.id]]);
    const next = await listMatchCandidates(t.ctx, { limit: 1, cursor: page.nextCursor ?? undefined });
    expect(next.data.map((c) => c.accountIds)).toEqual([[weaker.id, weakerTwin.id]]);
    expect(next.nextCursor).toBeNull();

    const merge = await confirmMatchCandidate(t.ctx, { id: run.queued[0]!.id });
    expect(merge).toMatchObject({ survivorId: older.id, mergedId: newer.id, candidateId: run.queued[0]!.id, score: 0.9, status: 'merged' });
    expect(await findAccount(t.ctx, newer.id)).toBeNull();
    expect((await listMatchCandidates(t.ctx, { status: 'confirmed' })).data.map((c) => c.id)).toEqual([run.queued[0]!.id]);
    expect((await appError(confirmMatchCandidate(t.ctx, { id: run.queued[0]!.id }))).code).toBe('conflict');
    expect((await appError(confirmMatchCandidate(t.ctx, { id: 'mtc_missing' }))).code).toBe('not_found');
  });

  it('lets the reviewer choose the survivor, but only one of the pair', async () => {
    const first = await createAccount(t.ctx, { name: 'Vandelay Industries', currency: 'EUR' });
    const second = await createAccount(t.ctx, { name: 'Vandelay Industries Ltd', currency: 'EUR' });
    const outsider = await createAccount(t.ctx, { name: 'Kramerica', currency: 'EUR' });
    const [candidate] = (await runIdentityResolution(t.ctx, { accountIds: [second.id] })).queued;
    const wrong = await appError(confirmMatchCandidate(t.ctx, { id: candidate!.id, survivorId: outsider.id }));
    expect(wrong.fieldErrors).toEqual([{ field: 'body.survivorId', message: 'not one of the two accounts' }]);
    expect((await listMatchCandidates(t.ctx, { accountId: second.id })).data.map((c) => c.status)).toEqual(['pending']);
    const merge = await confirmMatchCandidate(t.ctx, { id: candidate!.id, survivorId: second.id });
    expect([merge.survivorId, merge.mergedId]).toEqual([second.id, first.id]);
  });

  it('never proposes a rejected pair again', async () => {
    const a = await createAccount(t.ctx, { name: 'Globex', currency: 'EUR' });
    const b = await createAccount(t.ctx, { name: 'Globex Corp', currency: 'EUR' });
    const [candidate] = (await runIdentityResolution(t.ctx, { accountIds: [a.id] })).queued;
    expect(candidate?.accountIds).toEqual([a.id, b.id]);
    const rejected = await rejectMatchCandidate(t.ctx, candidate!.id);
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'system' });
    expect((await runIdentityResolution(t.ctx, { accountIds: [a.id] })).queued).toEqual([]);
    expect((await runIdentityResolution(t.ctx, { accountIds: [a.id], reviewThreshold: 0.5, autoMergeThreshold: 0.5 })).merged).toEqual([]);
    expect((await appError(rejectMatchCandidate(t.ctx, candidate!.id))).code).toBe('conflict');
  });

  it('does not merge an unmerged pair again, automatically or by proposal', async () => {
    const a = await createAccount(t.ctx, { name: 'Soylent', domain: 'soylent.com', currency: 'EUR' });
    const b = await createAccount(t.ctx, { name: 'Soylent Corporation', domain: 'soylent.com', currency: 'EUR' });
    const [merge] = (await runIdentityResolution(t.ctx, { accountIds: [b.id] })).merged;
    expect([merge?.survivorId, merge?.mergedId]).toEqual([a.id, b.id]);
    await unmergeRecords(t.ctx, 'account', merge!.id);
    expect(await runIdentityResolution(t.ctx, { accountIds: [b.id] })).toMatchObject({ merged: [], queued: [] });
    expect((await listMatchCandidates(t.ctx, { status: 'rejected', accountId: b.id })).data.map((c) => c.accountIds)).toEqual([[a.id, b.id]]);
  });

  it('supersedes pending proposals naming an account merged away, and follows merge chains', async () => {
    const hub = await createAccount(t.ctx, { name: 'Umbrella', domain: 'umbrella.com', currency: 'EUR' });
    const twin = await createAccount(t.ctx, { name: 'Umbrella Corp', domain: 'umbrella.com', currency: 'EUR' });
    const cousin = await createAccount(t.ctx, { name: 'Umbrella GmbH', country: 'DE', currency: 'EUR' });
    // Review only, so the cousin's proposals wait while the twin is merged by hand.
    const run = await runIdentityResolution(t.ctx, { accountIds: [twin.id, cousin.id], autoMergeThreshold: 1 });
    expect(run.queued.map((c) => c.accountIds)).toEqual([[hub.id, twin.id], [hub.id, cousin.id], [twin.id, cousin.id]]);
    await confirmMatchCandidate(t.ctx, { id: run.queued[0]!.id });
    const statuses = await listMatchCandidates(t.ctx, { status: 'superseded', accountId: twin.id });
    expect(statuses.data.map((c) => c.accountIds)).toEqual([[twin.id, cousin.id]]);
    const chain = await confirmMatchCandidate(t.ctx, { id: run.queued[1]!.id, survivorId: cousin.id });
    expect([chain.survivorId, chain.mergedId]).toEqual([cousin.id, hub.id]);
    expect(await resolveAccountId(t.ctx, twin.id)).toBe(cousin.id);
  });
});
