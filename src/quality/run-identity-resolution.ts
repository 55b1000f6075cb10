import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { chooseSurvivor, loadAccountProfiles } from './account-profiles.ts';
import { DEFAULT_THRESHOLDS, findCandidatePairs, scorePair, type ScoredPair, type Thresholds } from './match-accounts.ts';
import { mergeAccounts } from './merge-records.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { qualityDb } from './read-model.ts';
import { newQualityId, orderedPair, toMatchCandidate } from './repo.ts';
import { resolveAccountId } from './resolve-record-id.ts';
import { runIdentityResolutionSchema, type RunIdentityResolutionInput, type RunResult } from './schema.ts';

/**
 * Scans live accounts (or the pairs involving the given ones), merges pairs scoring at or above the
 * auto-merge threshold and queues those at or above the review threshold. Best pairs go first;
 * after a merge, later pairs naming a merged-away account are re-scored against its survivor.
 * Pairs a person has decided (rejected, confirmed, unmerged) or already queued are left alone.
 * Each merge is its own transaction: one that fails is reported and the run goes on.
 */
export async function runIdentityResolution(ctx: Ctx, input: RunIdentityResolutionInput = {}): Promise<RunResult> {
  const parsed = parseInput(runIdentityResolutionSchema, input);
  const thresholds: Thresholds = {
    autoMergeBps: toBps(parsed.autoMergeThreshold) ?? DEFAULT_THRESHOLDS.autoMergeBps,
    reviewBps: toBps(parsed.reviewThreshold) ?? DEFAULT_THRESHOLDS.reviewBps,
  };
  const profiles = await loadAccountProfiles(ctx);
  const focusIds = parsed.accountIds ? new Set(await Promise.all(parsed.accountIds.map((id) => resolveAccountId(ctx, id)))) : undefined;
  const pairs = findCandidatePairs(profiles, { minScoreBps: thresholds.reviewBps, ...(focusIds ? { focusIds } : {}) });
  const decided = await loadDecidedPairs(ctx);
  const result: RunResult = { scannedAccounts: profiles.length, merged: [], queued: [], failed: [] };
  const survivorOf = new Map<string, string>();
  const touched = new Set<string>();
  for (const found of pairs) {
    const pair = await currentPair(ctx, found, survivorOf, touched);
    if (pair === null || decided.has(pairKey(pair.a.id, pair.b.id)) || pair.scoreBps < thresholds.reviewBps) continue;
    decided.add(pairKey(pair.a.id, pair.b.id));
    if (pair.scoreBps >= thresholds.autoMergeBps) await mergePair(ctx, pair, result, survivorOf, touched);
    else await queueCandidate(ctx, pair, result);
  }
  return result;
}

function toBps(score: number | undefined): number | undefined {
  return score === undefined ? undefined : Math.round(score * 10_000);
}

function pairKey(x: string, y: string): string {
  return orderedPair(x, y).join('|');
}

/** Pairs with a decision or already in the queue; a superseded proposal may be made again. */
async function loadDecidedPairs(ctx: Ctx): Promise<Set<string>> {
  const rows = await qualityDb(ctx)
    .selectFrom('match_candidates')
    .select(['account_low_id', 'account_high_id'])
    .where('status', '<>', 'superseded')
    .execute();
  return new Set(rows.map((row) => pairKey(row.account_low_id, row.account_high_id)));
}

/** The pair as it stands now: merged-away accounts replaced by their survivors and re-scored; null if now one account. */
async function currentPair(ctx: Ctx, pair: ScoredPair, survivorOf: Map<string, string>, touched: Set<string>): Promise<ScoredPair | null> {
  const x = survivorOf.get(pair.a.id) ?? pair.a.id;
  const y = survivorOf.get(pair.b.id) ?? pair.b.id;
  if (x === y) return null;
  if (!touched.has(x) && !touched.has(y)) return pair;
  const [a, b] = await loadAccountProfiles(ctx, [x, y]);
  return a && b ? { ...scorePair(a, b), a, b } : null;
}

async function mergePair(ctx: Ctx, pair: ScoredPair, result: RunResult, survivorOf: Map<string, string>, touched: Set<string>): Promise<void> {
  const { survivor, merged } = chooseSurvivor(pair.a, pair.b);
  try {
    const merge = await mergeAccounts(ctx, { survivorId: survivor.id, mergedId: merged.id, scoreBps: pair.scoreBps, reasons: pair.reasons });
    result.merged.push(merge);
    for (const [from, to] of survivorOf) if (to === merged.id) survivorOf.set(from, survivor.id);
    survivorOf.set(merged.id, survivor.id);
    touched.add(survivor.id);
  } catch (error) {
    // Business refusals (a hierarchy loop, an account deleted meanwhile) are per-pair results; bugs still throw.
    if (!(error instanceof AppError)) throw error;
    result.failed.push({ accountIds: [pair.a.id, pair.b.id], code: error.code, detail: error.detail ?? error.message });
  }
}

/** A new proposal, or a superseded one made again; a pair decided meanwhile (a concurrent run) is left as it is. */
async function queueCandidate(ctx: Ctx, pair: ScoredPair, result: RunResult): Promise<void> {
  const [low, high] = orderedPair(pair.a.id, pair.b.id);
  const values = { score_bps: pair.scoreBps, reasons: JSON.stringify(pair.reasons), status: 'pending' as const };
  const row = await qualityDb(ctx)
    .insertInto('match_candidates')
    .values({ id: newQualityId('mtc'), account_low_id: low, account_high_id: high, ...values, created_at: new Date(ctx.clock.now().epochMilliseconds), decided_at: null, decided_by: null })
    .onConflict((oc) => oc.columns(['account_low_id', 'account_high_id']).doUpdateSet({ ...values, decided_at: null, decided_by: null }).where('match_candidates.status', '=', 'superseded'))
    .returningAll()
    .executeTakeFirst();
  if (row) result.queued.push(toMatchCandidate(row));
}
