import { AppError, type FieldError } from '../shared/errors.ts';
import type { BillingIntervalMonths, ItemKind, ItemTiming } from './tables.ts';
import { usagePricingKey, type UsagePricing } from './usage-rating/usage-pricing.ts';

/** What one version of a subscription item charges. A version is never rewritten; a change opens a new one. */
export type ItemTerms = {
  description: string | null;
  kind: ItemKind;
  /** Whole units (seats). */
  quantity: bigint;
  /**
   * Exact price per unit per billing period, in minor units of the subscription's currency. For a
   * usage item priced below a minor unit, this is unitPriceDecimal rounded half-up (for display
   * and sorting) and the decimal is what billing multiplies (STYLE.md: "rounded once, when a
   * document line is created").
   */
  unitPriceMinor: bigint;
  /** Exact usage price in major units ("0.0015"); null for every other item. */
  unitPriceDecimal: string | null;
  discountBps: number;
  /**
   * Exact amount per billing period for the whole quantity, net of every discount (a one-time
   * item: its whole amount). When set, billing charges it (prorated by days) instead of unit price
   * × quantity × (1 − discount): items from an accepted quote carry the quote's period amounts,
   * which a per-unit price cannot express to the cent (docs/billing.md "Exact amounts"). Absent or
   * null: unit price × quantity × (1 − discount). Never for usage items.
   */
  amountMinor?: bigint | null;
  /** null only for one-time items. */
  billingIntervalMonths: BillingIntervalMonths | null;
  timing: ItemTiming;
  /** Usage items only: aggregation, price model, minimum (docs/billing.md "Usage"); absent or null = sum × unit price. */
  usagePricing?: UsagePricing | null;
};

/** Half-open [effectiveFromDate, effectiveToDate); an open version has effectiveToDate null. */
export type ItemSpan = { itemKey: string; effectiveFromDate: string; effectiveToDate: string | null };
export type ItemVersionTerms = ItemSpan & ItemTerms;

export type ItemChange =
  | { action: 'add'; itemKey: string; terms: ItemTerms }
  | { action: 'update'; itemKey: string; terms: Partial<ItemTerms> }
  | { action: 'remove'; itemKey: string };

/** Versions to close at the change date, and versions to open from it. */
export type VersionPlan<V extends ItemVersionTerms> = { close: V[]; open: ItemVersionTerms[] };

const TERM_FIELDS = [
  'description', 'kind', 'quantity', 'unitPriceMinor', 'unitPriceDecimal', 'discountBps', 'amountMinor', 'billingIntervalMonths', 'timing', 'usagePricing',
] as const satisfies ReadonlyArray<keyof ItemTerms>;

/** The terms alone; an absent amountMinor or usagePricing becomes null (both mean "the default rule"). */
export function termsOf(version: ItemTerms): ItemTerms {
  return { ...Object.fromEntries(TERM_FIELDS.map((field) => [field, version[field]])), amountMinor: version.amountMinor ?? null, usagePricing: version.usagePricing ?? null } as ItemTerms;
}

export function sameTerms(a: ItemTerms, b: ItemTerms): boolean {
  const left = termsOf(a);
  const right = termsOf(b);
  // usagePricing is an object: compared by its canonical text, every other term by value.
  return TERM_FIELDS.every((field) => (field === 'usagePricing' ? usagePricingKey(left.usagePricing) === usagePricingKey(right.usagePricing) : left[field] === right[field]));
}

// Fields an explicit amount was computed from: changing one of them without a new amount makes
// the old amount stale, so the update falls back to quantity × unit price (planOne).
const AMOUNT_BASIS_FIELDS = ['quantity', 'unitPriceMinor', 'unitPriceDecimal', 'discountBps', 'billingIntervalMonths'] as const satisfies ReadonlyArray<keyof ItemTerms>;

/** The combinations the table's CHECKs refuse, as a message (null when consistent). */
export function termsProblem(terms: ItemTerms): string | null {
  if ((terms.kind === 'one_time') !== (terms.billingIntervalMonths === null)) {
    return terms.kind === 'one_time' ? 'a one-time item has no billing interval' : 'a recurring or usage item needs billingIntervalMonths';
  }
  if (terms.kind === 'usage' && terms.timing !== 'in_arrears') return 'usage is billed in arrears';
  if (terms.unitPriceDecimal !== null && terms.kind !== 'usage') return 'unitPriceDecimal is for usage items; recurring prices are whole minor units';
  if (terms.usagePricing !== undefined && terms.usagePricing !== null && terms.kind !== 'usage') return 'usage pricing is for usage items';
  if (terms.amountMinor !== undefined && terms.amountMinor !== null) {
    if (terms.kind === 'usage') return 'amountMinor is not for usage items; usage is metered quantity × unit price';
    if (terms.amountMinor < 0n) return 'amountMinor must be at least 0';
  }
  return null;
}

/**
 * Plans one change taking effect on `date` (billing issue: "every change has an effective date").
 * Update and remove close the item's open version at `date`; add and update open a version from
 * `date`. Rules, so that an item's versions never overlap and history never runs backwards:
 * - only the open (latest) version can be superseded, and only after its first day;
 * - an added item has no version reaching past `date`;
 * - an item appears once per change.
 * Every problem is reported (one field error each), not just the first.
 */
export function planItemChanges<V extends ItemVersionTerms>(
  versions: readonly V[],
  changes: readonly ItemChange[],
  date: string,
  field = 'body.changes',
): VersionPlan<V> {
  const plan: VersionPlan<V> = { close: [], open: [] };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  changes.forEach((change, index) => {
    const problem = seen.has(change.itemKey) ? 'appears more than once in this change' : planOne(versions, change, date, plan);
    seen.add(change.itemKey);
    if (problem) errors.push({ field: `${field}.${index}.itemKey`, message: problem });
  });
  if (errors.length > 0) {
    throw new AppError('business_rule_violated', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
  }
  return plan;
}

function planOne<V extends ItemVersionTerms>(versions: readonly V[], change: ItemChange, date: string, plan: VersionPlan<V>): string | null {
  const { itemKey } = change;
  const ofItem = versions.filter((version) => version.itemKey === itemKey);
  const open = ofItem.find((version) => version.effectiveToDate === null);
  if (change.action === 'add') {
    if (open) return `item ${itemKey} already exists; update or remove it instead`;
    const reaching = ofItem.find((version) => version.effectiveToDate !== null && version.effectiveToDate > date);
    if (reaching) return `item ${itemKey} has a version until ${String(reaching.effectiveToDate)}; versions of an item may not overlap`;
    const problem = termsProblem(change.terms);
    if (problem) return problem;
    plan.open.push({ itemKey, effectiveFromDate: date, effectiveToDate: null, ...termsOf(change.terms) });
    return null;
  }
  if (!open) return `item ${itemKey} has no current version`;
  if (date <= open.effectiveFromDate) {
    return `the current version of ${itemKey} starts on ${open.effectiveFromDate}; a change must take effect after that day`;
  }
  if (change.action === 'update') {
    const given = definedOnly(change.terms);
    const staleAmount = given.amountMinor === undefined && AMOUNT_BASIS_FIELDS.some((field) => given[field] !== undefined && given[field] !== open[field]);
    const terms: ItemTerms = { ...termsOf(open), ...given, ...(staleAmount ? { amountMinor: null } : {}) };
    if (sameTerms(terms, open)) return `the update of ${itemKey} changes nothing`;
    const problem = termsProblem(terms);
    if (problem) return problem;
    plan.open.push({ itemKey, effectiveFromDate: date, effectiveToDate: null, ...terms });
  }
  plan.close.push(open);
  return null;
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Applies a plan to an in-memory history (what the repo does to the table), for checks and tests. */
export function applyVersionPlan(versions: readonly ItemVersionTerms[], plan: VersionPlan<ItemVersionTerms>, date: string): ItemVersionTerms[] {
  const closing = new Set(plan.close);
  return [...versions.map((version) => (closing.has(version) ? { ...version, effectiveToDate: date } : version)), ...plan.open];
}

/**
 * The changes that turn an item history's open versions into `desired` (a snapshot: one entry per
 * item key, as an import gives them). Unchanged items produce nothing, so an identical snapshot
 * yields no changes at all — what makes import upserts idempotent.
 */
export function diffItemSnapshot(versions: readonly ItemVersionTerms[], desired: ReadonlyArray<{ itemKey: string; terms: ItemTerms }>): ItemChange[] {
  const open = new Map(versions.filter((version) => version.effectiveToDate === null).map((version) => [version.itemKey, version]));
  const changes: ItemChange[] = [];
  for (const { itemKey, terms } of desired) {
    const current = open.get(itemKey);
    if (!current) changes.push({ action: 'add', itemKey, terms });
    else if (!sameTerms(current, terms)) changes.push({ action: 'update', itemKey, terms });
  }
  const desiredKeys = new Set(desired.map((item) => item.itemKey));
  for (const itemKey of open.keys()) if (!desiredKeys.has(itemKey)) changes.push({ action: 'remove', itemKey });
  return changes;
}
