import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf, makeOpportunityInput } from '../opportunities/fixtures.ts';
import { createOpportunity } from '../opportunities/index.ts';
import { createStage, deleteStage, getStage, listStages, reorderStages, updateStage } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const summary = async (t: TestContext) => (await listStages(t.ctx)).data.map((s) => [s.key, s.sortOrder, s.defaultProbabilityBps, s.kind, s.forecastCategory]);

describe('pipeline stages', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('is seeded with a typical B2B pipeline', async () => {
    expect(await summary(t)).toEqual([
      ['prospecting', 1, 1000, 'open', 'pipeline'],
      ['qualification', 2, 2000, 'open', 'pipeline'],
      ['discovery', 3, 4000, 'open', 'pipeline'],
      ['proposal', 4, 6000, 'open', 'best_case'],
      ['negotiation', 5, 8000, 'open', 'commit'],
      ['closed_won', 6, 10_000, 'won', 'closed'],
      ['closed_lost', 7, 0, 'lost', 'omitted'],
    ]);
    expect((await getStage(t.ctx, 'discovery')).label).toBe('Discovery / Needs Analysis');
  });

  it('creates at the end, updates with a version, and audits each write', async () => {
    const created = await createStage(t.ctx, { key: 'legal_review', label: ' Legal review ', defaultProbabilityBps: 8500, forecastCategory: 'commit' });
    expect(created).toMatchObject({ key: 'legal_review', label: 'Legal review', sortOrder: 8, active: true, version: 1, createdAt: '2026-01-15T09:00:00.000Z' });
    const lost = await createStage(t.ctx, { key: 'disqualified', label: 'Disqualified', kind: 'lost' });
    expect(lost).toMatchObject({ defaultProbabilityBps: 0, forecastCategory: 'omitted', sortOrder: 9 });
    const updated = await updateStage(t.ctx, { key: 'legal_review', expectedVersion: 1, changes: { defaultProbabilityBps: 9000 } });
    expect(updated).toMatchObject({ defaultProbabilityBps: 9000, version: 2 });
    expect((await appError(updateStage(t.ctx, { key: 'legal_review', expectedVersion: 1, changes: { label: 'x' } }))).code).toBe('version_conflict');
    expect((await auditTrailOf(t.ctx, 'pipeline_stage', 'legal_review')).map((row) => row.action)).toEqual(['create', 'update']);
  });

  it('refuses numbers a stage kind cannot have, duplicate keys and unknown fields, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ key: 'won_twice', label: 'W', kind: 'won', defaultProbabilityBps: 9000 }, 'validation_failed', 'body.defaultProbabilityBps'],
      [{ key: 'open_closed', label: 'O', forecastCategory: 'closed' }, 'validation_failed', 'body.forecastCategory'],
      [{ key: 'Bad-Key', label: 'B' }, 'validation_failed', 'body.key'],
      [{ key: 'proposal', label: 'Again' }, 'conflict', 'body.key'],
      [{ key: 'probability', label: 'P', defaultProbabilityBps: 10_001 }, 'validation_failed', 'body.defaultProbabilityBps'],
    ];
    for (const [input, code, field] of cases) {
      const error = await appError(createStage(t.ctx, input as never));
      expect([error.code, error.fieldErrors.map((f) => f.field)], JSON.stringify(input)).toEqual([code, [field]]);
    }
    const won = await getStage(t.ctx, 'closed_won');
    const fixed = await appError(updateStage(t.ctx, { key: 'closed_won', expectedVersion: won.version, changes: { defaultProbabilityBps: 9000 } }));
    expect(fixed.fieldErrors.map((f) => f.field)).toEqual(['body.defaultProbabilityBps']);
    const kind = await appError(updateStage(t.ctx, { key: 'proposal', expectedVersion: 1, changes: { kind: 'won' } as never }));
    expect(kind.fieldErrors.map((f) => f.field)).toEqual(['body']);
  });

  it('reorders from a full list of keys, moving only what changed', async () => {
    const before = (await listStages(t.ctx)).data.map((s) => s.key);
    const keys = [...before.filter((k) => k !== 'legal_review' && k !== 'closed_won' && k !== 'closed_lost' && k !== 'disqualified'), 'legal_review', 'closed_won', 'closed_lost', 'disqualified'];
    const reordered = await reorderStages(t.ctx, { keys });
    expect(reordered.data.map((s) => [s.key, s.sortOrder])).toEqual(keys.map((k, i) => [k, i + 1]));
    expect((await auditTrailOf(t.ctx, 'pipeline_stage', 'legal_review')).map((row) => row.action)).toEqual(['create', 'update', 'reorder']);
    expect((await auditTrailOf(t.ctx, 'pipeline_stage', 'prospecting')).map((row) => row.action)).toEqual([]);
    const partial = await appError(reorderStages(t.ctx, { keys: keys.slice(1) }));
    expect(partial.fieldErrors.map((f) => f.field)).toEqual(['body.keys']);
    const twice = await appError(reorderStages(t.ctx, { keys: [...keys, keys[0] ?? ''] }));
    expect(twice.fieldErrors[0]?.message).toContain('listed twice');
    expect((await listStages(t.ctx)).data.map((s) => s.key)).toEqual(keys);
  });

  it('deletes a stage never used, but only deactivates one in use; filters the list', async () => {
    const unused = await createStage(t.ctx, { key: 'unused', label: 'Unused' });
    await deleteStage(t.ctx, { key: 'unused', expectedVersion: unused.version });
    expect((await appError(getStage(t.ctx, 'unused'))).code).toBe('not_found');
    const accountId = (await createAccount(t.ctx, makeAccountInput())).id;
    await createOpportunity(t.ctx, makeOpportunityInput(accountId, { stage: 'legal_review' }));
    const legal = await getStage(t.ctx, 'legal_review');
    const inUse = await appError(deleteStage(t.ctx, { key: 'legal_review', expectedVersion: legal.version }));
    expect(inUse.code).toBe('business_rule_violated');
    const inactive = await updateStage(t.ctx, { key: 'legal_review', expectedVersion: legal.version, changes: { active: false } });
    expect(inactive.active).toBe(false);
    expect((await listStages(t.ctx, { active: 'true' })).data.map((s) => s.key)).not.toContain('legal_review');
    expect((await listStages(t.ctx, { active: false })).data.map((s) => s.key)).toEqual(['legal_review']);
    expect((await listStages(t.ctx, { kind: 'lost' })).data.map((s) => s.key)).toEqual(['closed_lost', 'disqualified']);
    expect((await listStages(t.ctx, { q: 'needs' })).data.map((s) => s.key)).toEqual(['discovery']);
    expect((await auditTrailOf(t.ctx, 'pipeline_stage', 'unused')).map((row) => row.action)).toEqual(['create', 'delete']);
  });
});
