import type { SnapshotMatrix } from './snapshot-matrix.ts';
import type { Slices } from './slices.ts';

export const MOVEMENTS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/**
 * docs/metrics.md "MRR movements": a customer's MRR at the end of the previous period (start)
 * against the end of this one. 0 → x is new if the customer never had MRR on any day before the
 * start, else reactivation; up is expansion, down but above 0 contraction, x → 0 churn.
 * 'flat' (no change) and null (0 → 0) move nothing.
 */
export function classifyMovement(startMinor: number, endMinor: number, hadMrrBefore: boolean): Movement | 'flat' | null {
  if (startMinor === 0) return endMinor === 0 ? null : hadMrrBefore ? 'reactivation' : 'new';
  if (endMinor === 0) return 'churn';
  return endMinor > startMinor ? 'expansion' : endMinor < startMinor ? 'contraction' : 'flat';
}

export const BRIDGE_FIELDS = [
  'mrrStartMinor', 'newMinor', 'expansionMinor', 'contractionMinor', 'churnMinor', 'reactivationMinor', 'mrrEndMinor',
  'customersStart', 'customersNew', 'customersChurned', 'customersReactivated', 'customersEnd',
] as const;
export type BridgeField = (typeof BRIDGE_FIELDS)[number];
export type Bridge = Record<BridgeField, number>;
const FIELDS = BRIDGE_FIELDS.length;
const [START, NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION, END, C_START, C_NEW, C_CHURNED, C_REACTIVATED, C_END] = BRIDGE_FIELDS.map((_, i) => i) as [
  number, number, number, number, number, number, number, number, number, number, number, number,
];

/**
 * The bridge start → end of every period (snapshot k−1 → k) and slice, in one pass over the rows.
 * Contraction and churn are positive amounts; mrrEnd = mrrStart + new + expansion + reactivation
 * − contraction − churn holds by construction (each row's change lands in exactly one movement).
 * The loop applies classifyMovement's rules inline: this is the hot path of the 500 ms report,
 * and the property tests check it against classifyMovement through the explain contributions.
 * Returns bridges[period][slice].
 */
export function computeBridges(matrix: SnapshotMatrix, slices: Slices): Bridge[][] {
  const periods = Math.max(matrix.snapshotMonths.length - 1, 0);
  const sliceCount = slices.count;
  const sums = new Float64Array(periods * sliceCount * FIELDS);
  const { values, width, firstMonth, rowCount } = matrix;
  const months = Int32Array.from(matrix.snapshotMonths);
  const ofRow = slices.ofRow;
  for (let row = 0; row < rowCount; row += 1) {
    const slice = ofRow[row]!;
    const base = row * width;
    const first = firstMonth[row]!;
    let start = values[base]!;
    for (let k = 1; k <= periods; k += 1) {
      const end = values[base + k]!;
      if (start !== 0 || end !== 0) {
        const at = ((k - 1) * sliceCount + slice) * FIELDS;
        sums[at + START]! += start;
        sums[at + END]! += end;
        if (end > 0) sums[at + C_END]! += 1;
        if (start === 0) {
          // 0 → x: reactivation when the customer had MRR on some day up to the start snapshot.
          const field = first <= months[k - 1]! ? REACTIVATION : NEW;
          sums[at + field]! += end;
          sums[at + (field === NEW ? C_NEW : C_REACTIVATED)]! += 1;
        } else {
          sums[at + C_START]! += 1;
          if (end === 0) {
            sums[at + CHURN]! += start;
            sums[at + C_CHURNED]! += 1;
          } else if (end > start) sums[at + EXPANSION]! += end - start;
          else if (end < start) sums[at + CONTRACTION]! += start - end;
        }
      }
      start = end;
    }
  }
  return Array.from({ length: periods }, (_, p) =>
    Array.from({ length: sliceCount }, (_, slice) => toBridge(sums, (p * sliceCount + slice) * FIELDS)));
}

function toBridge(sums: Float64Array, at: number): Bridge {
  return Object.fromEntries(BRIDGE_FIELDS.map((field, i) => [field, sums[at + i] ?? 0])) as Bridge;
}
