import { canonicalJson } from '../../shared/json.ts';
import { moneyToJson, type Money, type MoneyJson } from '../../shared/money.ts';
import type { MappedValue } from '../mapping/convert-value.ts';
import type { UpdateOutcome } from './adapter.ts';

/** Money as domain inputs take it ({ amountMinor: number | digit string, currency }); null stays null. */
export function moneyInput(value: MappedValue | undefined): MoneyJson | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === 'object') return moneyToJson(value as Money);
  throw new Error(`Assertion failed: a money field was mapped to ${typeof value}`);
}

/** Drops null values of the keys whose domain field is optional but not nullable (null means "use the default"). */
export function withoutNulls<T extends Record<string, unknown>>(fields: T, keys: ReadonlyArray<keyof T>): T {
  const copy = { ...fields };
  for (const key of keys) if (copy[key] === null) delete copy[key];
  return copy;
}

/**
 * A versioned record's update. When every mapped value already equals the stored one, the update
 * is not even asked for (a re-import costs one read per row). Otherwise the domain decides: it
 * normalises (e-mails, domains, custom field types) and writes nothing when nothing changed, so
 * an unchanged version still means unchanged.
 */
export async function updateByVersion<R extends { version: number }>(
  before: R, changes: Readonly<Record<string, unknown>>, update: (expectedVersion: number) => Promise<R>,
): Promise<UpdateOutcome> {
  if (storedEquals(before as unknown as Readonly<Record<string, unknown>>, changes)) return 'unchanged';
  const after = await update(before.version);
  return after.version === before.version ? 'unchanged' : 'updated';
}

/** Exact equality of each given field with the stored one (money and objects compared as canonical JSON). */
export function storedEquals(stored: Readonly<Record<string, unknown>>, changes: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(changes).every(([key, value]) => value === undefined || canonicalJson(normalize(stored[key])) === canonicalJson(normalize(value)));
}

/** Money's amountMinor is a number or a digit string depending on size: compare it as text. */
function normalize(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'amountMinor' in value && 'currency' in value) {
    const money = value as { amountMinor: unknown; currency: unknown };
    return { amountMinor: String(money.amountMinor), currency: money.currency };
  }
  return value;
}
