/**
 * Account matching: candidate pairs by blocking keys, then a score per pair with its reasons.
 * Pure functions over AccountProfile (account-profiles.ts loads them), so the rules are tested
 * without a database.
 */
import type { MatchReason } from './schema.ts';

export type AccountProfile = {
  id: string;
  /** The account's parent, its parent's parent, …: the hierarchy someone built or imported. */
  ancestorIds: readonly string[];
  createdAt: Date;
  name: string;
  /** normalizeLegalName(name); '' when nothing comparable is left. */
  normalizedName: string;
  domain: string | null;
  /** Company e-mail domains seen on the account (billing e-mail, contacts), free mail excluded. */
  emailDomains: readonly string[];
  /** normalizeTaxId(taxId, country). */
  taxId: string | null;
  country: string | null;
};

export type PairScore = { scoreBps: number; reasons: MatchReason[] };
export type ScoredPair = PairScore & { a: AccountProfile; b: AccountProfile };
export type Thresholds = { autoMergeBps: number; reviewBps: number };

/** Issue defaults: merge automatically at ≥ 0.95, send to review at ≥ 0.7. */
export const DEFAULT_THRESHOLDS: Thresholds = { autoMergeBps: 9500, reviewBps: 7000 };

// Evidence strengths. A tax id names one legal entity; a website domain almost does; an e-mail
// domain is a little weaker (agencies and resellers write from their own); a name alone needs a
// human. Country agreement adjusts only the name: two "Acme"s in different countries are likely
// different companies, while a shared domain or tax id does not depend on where the record says it is.
const TAX_ID = 0.99;
const DOMAIN = 0.9;
const EMAIL_DOMAIN = 0.85;
const NAME = 0.8;
const COUNTRY_MATCH = 0.1;
const COUNTRY_CONFLICT = -0.3;
/** Different tax ids mean different legal entities (a parent and its subsidiary share a domain): never automatic. */
const TAX_ID_CONFLICT_FACTOR = 0.75;
/** Sister companies (one group) often share a domain and, legal forms aside, a name: a person decides. */
const SAME_HIERARCHY_FACTOR = 0.75;

/** Blocks larger than this are too common to be evidence ("consulting") and would cost n² pairs. */
export const MAX_BLOCK_SIZE = 200;

export function scorePair(a: AccountProfile, b: AccountProfile): PairScore {
  // An account and its parent (or an ancestor) are different entities by the hierarchy's own statement:
  // never a match, however alike ("Acme Inc" and its "Acme GmbH" on acme.com).
  const ancestor = a.ancestorIds.includes(b.id) ? b : b.ancestorIds.includes(a.id) ? a : null;
  if (ancestor !== null) return { scoreBps: 0, reasons: [{ rule: 'parent_account', value: ancestor.id, score: 0 }] };
  const reasons: MatchReason[] = [];
  const taxConflict = a.taxId !== null && b.taxId !== null && a.taxId !== b.taxId;
  if (a.taxId !== null && a.taxId === b.taxId) reasons.push({ rule: 'tax_id', value: a.taxId, score: TAX_ID });
  if (a.domain !== null && a.domain === b.domain) {
    reasons.push({ rule: 'domain', value: a.domain, score: DOMAIN });
  } else {
    const shared = sharedDomain(a, b);
    if (shared !== null) reasons.push({ rule: 'email_domain', value: shared, score: EMAIL_DOMAIN });
  }
  if (a.normalizedName !== '' && a.normalizedName === b.normalizedName) {
    reasons.push({ rule: 'name', value: a.normalizedName, score: NAME });
    if (a.country !== null && a.country === b.country) reasons.push({ rule: 'country_match', value: a.country, score: COUNTRY_MATCH });
    if (a.country !== null && b.country !== null && a.country !== b.country) {
      reasons.push({ rule: 'country_conflict', value: `${a.country}≠${b.country}`, score: COUNTRY_CONFLICT });
    }
  }
  if (taxConflict) reasons.push({ rule: 'tax_id_conflict', value: `${a.taxId}≠${b.taxId}`, score: TAX_ID_CONFLICT_FACTOR });
  const commonAncestor = a.ancestorIds.find((id) => b.ancestorIds.includes(id));
  if (reasons.length > 0 && commonAncestor !== undefined) reasons.push({ rule: 'same_hierarchy', value: commonAncestor, score: SAME_HIERARCHY_FACTOR });
  return { scoreBps: Math.round(combine(reasons) * 10_000), reasons };
}

/** Reasons that scale the combined evidence down instead of adding to it. */
const FACTORS: ReadonlySet<MatchReason['rule']> = new Set(['tax_id_conflict', 'same_hierarchy']);

/** 1 − Π(1 − sᵢ) over the evidence: independent signals reinforce, none alone reaches 1; then the factors. */
function combine(reasons: readonly MatchReason[]): number {
  let nameScore = 0;
  let miss = 1;
  for (const reason of reasons) {
    if (reason.rule === 'name' || reason.rule === 'country_match' || reason.rule === 'country_conflict') nameScore += reason.score;
    else if (!FACTORS.has(reason.rule)) miss *= 1 - reason.score;
  }
  miss *= 1 - Math.min(Math.max(nameScore, 0), 1);
  let combined = 1 - miss;
  for (const reason of reasons) if (FACTORS.has(reason.rule)) combined *= reason.score;
  return combined;
}

function domainsOf(profile: AccountProfile): string[] {
  return profile.domain === null ? [...profile.emailDomains] : [profile.domain, ...profile.emailDomains];
}

/** A domain one account uses (website or e-mail) that the other uses too. */
function sharedDomain(a: AccountProfile, b: AccountProfile): string | null {
  const theirs = new Set(domainsOf(b));
  return domainsOf(a).find((domain) => theirs.has(domain)) ?? null;
}

function blockingKeys(profile: AccountProfile): string[] {
  const keys = domainsOf(profile).map((domain) => `domain:${domain}`);
  if (profile.taxId !== null) keys.push(`tax:${profile.taxId}`);
  if (profile.normalizedName !== '') keys.push(`name:${profile.normalizedName}`);
  return keys;
}

/**
 * Pairs that share at least one blocking key and score at least `minScoreBps`, best first (ties
 * by ids, so runs are repeatable). With `focusIds`, only pairs involving one of those accounts.
 */
export function findCandidatePairs(
  profiles: readonly AccountProfile[],
  options: { minScoreBps: number; focusIds?: ReadonlySet<string> },
): ScoredPair[] {
  const blocks = new Map<string, AccountProfile[]>();
  for (const profile of profiles) {
    for (const key of new Set(blockingKeys(profile))) {
      const members = blocks.get(key);
      if (members) members.push(profile);
      else blocks.set(key, [profile]);
    }
  }
  const seen = new Set<string>();
  const pairs: ScoredPair[] = [];
  for (const members of blocks.values()) {
    if (members.length < 2 || members.length > MAX_BLOCK_SIZE) continue;
    for (let i = 0; i < members.length; i += 1) {
      for (let j = i + 1; j < members.length; j += 1) {
        const pair = scoreNewPair(seen, members[i]!, members[j]!, options.focusIds);
        if (pair && pair.scoreBps >= options.minScoreBps) pairs.push(pair);
      }
    }
  }
  return pairs.sort((x, y) => y.scoreBps - x.scoreBps || pairKey(x.a, x.b).localeCompare(pairKey(y.a, y.b)));
}

/** Scores a pair the first time any block brings it up; null when seen before or outside the focus. */
function scoreNewPair(seen: Set<string>, first: AccountProfile, second: AccountProfile, focusIds?: ReadonlySet<string>): ScoredPair | null {
  const [a, b] = first.id < second.id ? [first, second] : [second, first];
  const key = pairKey(a, b);
  if (seen.has(key) || a.id === b.id) return null;
  seen.add(key);
  if (focusIds && !focusIds.has(a.id) && !focusIds.has(b.id)) return null;
  return { ...scorePair(a, b), a, b };
}

function pairKey(a: AccountProfile, b: AccountProfile): string {
  return `${a.id}|${b.id}`;
}
