import type { ItemChangeInput, ItemInput } from '../item-input.ts';
import type { SubscriptionItemVersion } from '../subscription-schema.ts';
import type { ItemKind } from '../tables.ts';
import type { OrderLine, OrderPlaced } from './order-placed-schema.ts';

/** The changes taking effect on one day (a ramp's later years, or an amendment's start). */
export type DatedChanges = { effectiveDate: string; changes: ItemChangeInput[] };
/** A new subscription: the items of its first day, then the ramp steps. */
export type CreatePlan = { items: ItemInput[]; steps: DatedChanges[] };

/** One quote line: its segments (one per contract year when ramped), in date order. */
type LineGroup = { baseKey: string; segments: [OrderLine, ...OrderLine[]] };

const KIND_OF: Record<OrderLine['productType'], ItemKind> = { subscription: 'recurring', one_time: 'one_time', usage: 'usage' };

/** An item key from a SKU: the characters item keys allow, at most 80 so a suffix still fits. */
export function itemKeyOfSku(sku: string): string {
  const cleaned = sku.trim().replace(/[^A-Za-z0-9_.:-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (cleaned === '' ? 'item' : cleaned).slice(0, 80);
}

/**
 * Order lines grouped per quote line (a ramped line arrives as one order line per contract year).
 * Two quote lines with the same SKU get distinct keys (`sku`, `sku-2`), because an item key names
 * one item across all its versions.
 */
export function groupOrderLines(lines: readonly OrderLine[]): LineGroup[] {
  const byQuoteLine = new Map<string, OrderLine[]>();
  for (const line of [...lines].sort((a, b) => a.lineNumber - b.lineNumber)) {
    const list = byQuoteLine.get(line.quoteLineId) ?? [];
    list.push(line);
    byQuoteLine.set(line.quoteLineId, list);
  }
  const seen = new Map<string, number>();
  const groups: LineGroup[] = [];
  for (const segments of byQuoteLine.values()) {
    const sorted = [...segments].sort((a, b) => a.startDate.localeCompare(b.startDate));
    const [first, ...rest] = sorted;
    if (!first) continue;
    const sku = itemKeyOfSku(first.sku);
    const count = (seen.get(sku) ?? 0) + 1;
    seen.set(sku, count);
    groups.push({ baseKey: count === 1 ? sku : `${sku}-${count}`, segments: [first, ...rest] });
  }
  return groups;
}

/**
 * The item terms of one order line. The order's unit price is already net of line and header
 * discounts (orders: "net per unit per billing period"), so the item carries no discount of its
 * own — applying the quote's discountBps again would discount twice. The unit price is rounded,
 * so it is informational: `amountMinor` (the exact period amount, from the line's periods) is what
 * billing charges (docs/billing.md "Exact amounts"). Usage is metered and has no fixed amount.
 */
export function itemTermsOf(line: OrderLine, amountMinor: bigint | null = firstAmountOf(line)): Omit<ItemInput, 'itemKey'> {
  const kind = KIND_OF[line.productType];
  return {
    description: line.description ?? line.productName ?? null,
    kind,
    quantity: BigInt(line.quantity),
    unitPriceMinor: line.unitPriceMinor,
    discountBps: 0,
    amountMinor: kind === 'usage' ? null : amountMinor,
    billingIntervalMonths: kind === 'one_time' ? null : (line.periodMonths as ItemInput['billingIntervalMonths']),
    timing: kind === 'usage' ? 'in_arrears' : line.billingTiming,
  };
}

/** The line's first exact period amount; null for an order without periods (quantity × unit price). */
function firstAmountOf(line: OrderLine): bigint | null {
  return line.periods[0]?.amountMinor ?? null;
}

/** Terms from one day on: a ramp year's quantity, or a period whose exact amount differs from the one before. */
type TermsStep = { effectiveDate: string; line: OrderLine; amountMinor: bigint | null };

/**
 * A quote line's terms over time, from its order lines' exact periods: a new step wherever the
 * quantity, the unit price or the period amount changes. Largest-remainder splits (catalog
 * splitIntoPeriods, the header discount's allocation) make periods of one line differ by a minor
 * unit, so a line may need a few steps; each starts on a billing period's first day (quote periods
 * and anniversary billing both count from the contract start), so nothing is prorated and every
 * period bills exactly the quote's amount. Without periods, one step per order line (as before).
 */
export function termsSteps(group: LineGroup): TermsStep[] {
  const steps: TermsStep[] = [];
  for (const line of group.segments) {
    const periods = KIND_OF[line.productType] === 'usage' || line.periods.length === 0
      ? [{ startDate: line.startDate, amountMinor: null }]
      : [...line.periods].sort((a, b) => a.startDate.localeCompare(b.startDate));
    for (const period of periods) {
      const previous = steps.at(-1);
      const same = previous !== undefined && previous.amountMinor === period.amountMinor
        && previous.line.quantity === line.quantity && previous.line.unitPriceMinor === line.unitPriceMinor;
      if (!same) steps.push({ effectiveDate: period.startDate, line, amountMinor: period.amountMinor });
    }
  }
  return steps;
}

/** The steps after the first: new quantity, price and exact amount from each step's day. */
function laterUpdates(steps: readonly TermsStep[], itemKey: string): Array<{ effectiveDate: string; change: ItemChangeInput }> {
  return steps.slice(1).map((step) => ({
    effectiveDate: step.effectiveDate,
    change: { action: 'update', itemKey, quantity: BigInt(step.line.quantity), unitPriceMinor: step.line.unitPriceMinor, amountMinor: step.amountMinor },
  }));
}

export function collectSteps(dated: ReadonlyArray<{ effectiveDate: string; change: ItemChangeInput }>): DatedChanges[] {
  const byDate = new Map<string, ItemChangeInput[]>();
  for (const { effectiveDate, change } of dated) byDate.set(effectiveDate, [...(byDate.get(effectiveDate) ?? []), change]);
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([effectiveDate, changes]) => ({ effectiveDate, changes }));
}

/** New or renewal order → the new subscription's first items and its ramp steps. */
export function planCreateItems(order: OrderPlaced): CreatePlan {
  const items: ItemInput[] = [];
  const later: Array<{ effectiveDate: string; change: ItemChangeInput }> = [];
  for (const group of groupOrderLines(order.lines)) {
    const steps = termsSteps(group);
    const [first] = steps;
    if (!first) continue;
    const terms = itemTermsOf(first.line, first.amountMinor);
    // A segment starting after the contract start (not produced by orders today) is added on its day.
    if (first.effectiveDate <= order.startDate) items.push({ itemKey: group.baseKey, ...terms });
    else later.push({ effectiveDate: first.effectiveDate, change: { action: 'add', itemKey: group.baseKey, ...terms } });
    later.push(...laterUpdates(steps, group.baseKey));
  }
  return { items, steps: collectSteps(later) };
}

/** Versions open on `date` (half-open spans), by item key. */
export function openVersionsOn(versions: readonly SubscriptionItemVersion[], date: string): Map<string, SubscriptionItemVersion> {
  const open = new Map<string, SubscriptionItemVersion>();
  for (const version of versions) {
    if (version.effectiveFromDate <= date && (version.effectiveToDate === null || date < version.effectiveToDate)) open.set(version.itemKey, version);
  }
  return open;
}

/**
 * Same price terms: added units of the same item at the same price extend it instead of adding a
 * twin — only while that version is the item's last (a later ramp or amount step cannot be
 * superseded from an earlier day).
 */
function samePriceTerms(version: SubscriptionItemVersion, terms: Omit<ItemInput, 'itemKey'>): boolean {
  return version.effectiveToDate === null && version.kind === terms.kind && version.unitPriceMinor === terms.unitPriceMinor && version.unitPriceDecimal === null
    && version.discountBps === 0 && version.billingIntervalMonths === terms.billingIntervalMonths && version.timing === terms.timing;
}

/** The period amount of the extended item: both exact amounts added (either may be quantity × unit price). */
function extendedAmountMinor(version: SubscriptionItemVersion, line: OrderLine): bigint | null {
  const added = firstAmountOf(line);
  const current = version.amountMinor ?? null;
  if (added === null && current === null) return null;
  return (current ?? version.unitPriceMinor * version.quantity) + (added ?? line.unitPriceMinor * BigInt(line.quantity));
}

/**
 * Expansion → changes to the existing subscription from the order's start date. An expansion quote
 * prices only what is added (orders: "its ARR is the delta"): added units of an item already
 * subscribed at the same price raise its quantity; anything else (new product, other price,
 * one-time fee, ramp) is a new item under a key the subscription has never used.
 */
export function planAmendItems(order: OrderPlaced, versions: readonly SubscriptionItemVersion[]): DatedChanges[] {
  const open = openVersionsOn(versions, order.startDate);
  const usedKeys = new Set(versions.map((version) => version.itemKey));
  const dated: Array<{ effectiveDate: string; change: ItemChangeInput }> = [];
  for (const group of groupOrderLines(order.lines)) {
    const [first] = group.segments;
    const terms = itemTermsOf(first);
    const current = open.get(group.baseKey);
    const effectiveDate = first.startDate > order.startDate ? first.startDate : order.startDate;
    if (group.segments.length === 1 && current && terms.kind === 'recurring' && samePriceTerms(current, terms)) {
      const change: ItemChangeInput = { action: 'update', itemKey: group.baseKey, quantity: current.quantity + BigInt(first.quantity) };
      const amountMinor = extendedAmountMinor(current, first);
      dated.push({ effectiveDate, change: amountMinor === null ? change : { ...change, amountMinor } });
      continue;
    }
    const itemKey = unusedKey(group.baseKey, usedKeys);
    usedKeys.add(itemKey);
    dated.push({ effectiveDate, change: { action: 'add', itemKey, ...terms } });
    dated.push(...laterUpdates(rampSteps(group), itemKey));
  }
  return collectSteps(dated);
}

/**
 * An amendment's steps: one per order line (ramp year), at the line's first period amount. The
 * expansion's periods start on its own start date, not on the subscription's billing days, and the
 * item is co-terminated and prorated, so its per-period cent steps would not line up anyway.
 */
function rampSteps(group: LineGroup): TermsStep[] {
  return group.segments.map((line) => ({ effectiveDate: line.startDate, line, amountMinor: firstAmountOf(line) }));
}

function unusedKey(baseKey: string, used: ReadonlySet<string>): string {
  if (!used.has(baseKey)) return baseKey;
  for (let n = 2; ; n += 1) {
    const key = `${baseKey}-${n}`;
    if (!used.has(key)) return key;
  }
}
