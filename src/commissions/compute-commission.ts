import { allocate, applyBps, money } from '../shared/money.ts';
import type { CommissionLine, Rate } from './schema.ts';
import type { DealType } from './tables.ts';

export type BookingLine = { productFamily: string | null; acvMinor: bigint; firstYearMinor: bigint };

/** The plan's rate for a line: its product family's own rate, else the deal type's catch-all (family null). */
export function findRate(rates: readonly Rate[], dealType: DealType, productFamily: string | null): Rate | undefined {
  const ofType = rates.filter((rate) => rate.dealType === dealType);
  return ofType.find((rate) => rate.productFamily !== null && rate.productFamily === productFamily)
    ?? ofType.find((rate) => rate.productFamily === null);
}

/**
 * Commission per booking line. Lines paid at the same rate on the same basis form one group; the
 * group's commission is its basis total × rate, rounded half-up once (so ten small lines earn what
 * one line of their total earns), then split back over the lines by largest remainder (money.ts
 * allocate). Every line is within one minor unit of its exact share and the lines sum exactly to
 * the rounded group totals. Lines without a rate earn nothing and are left out. A negative basis
 * (a down-sell) earns nothing: clawback, not negative accrual, is how commission is taken back.
 */
export function computeCommissionLines(lines: readonly BookingLine[], rates: readonly Rate[], dealType: DealType, currency: string): CommissionLine[] {
  const rated = lines.flatMap((line, index) => {
    const rate = findRate(rates, dealType, line.productFamily);
    if (!rate) return [];
    const raw = rate.basis === 'acv' ? line.acvMinor : line.firstYearMinor;
    return [{ lineNumber: index + 1, productFamily: line.productFamily, basis: rate.basis, basisMinor: raw, weight: raw > 0n ? raw : 0n, rateBps: rate.rateBps }];
  });
  const groups = new Map<string, typeof rated>();
  for (const line of rated) {
    const key = `${line.rateBps}:${line.basis}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const amounts = new Map<number, bigint>();
  for (const group of groups.values()) {
    const basisTotal = group.reduce((total, line) => total + line.weight, 0n);
    const first = group[0];
    if (basisTotal === 0n || !first) {
      for (const line of group) amounts.set(line.lineNumber, 0n);
      continue;
    }
    const commission = applyBps(money(basisTotal, currency), first.rateBps, 'half_up');
    allocate(commission, group.map((line) => line.weight)).forEach((part, index) => {
      const line = group[index];
      if (line) amounts.set(line.lineNumber, part.amountMinor);
    });
  }
  return rated.map(({ weight: _weight, ...line }) => ({ ...line, amountMinor: amounts.get(line.lineNumber) ?? 0n }));
}
