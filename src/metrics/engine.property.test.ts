import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnResult, movementRows } from './flow-metrics.ts';
import type { CustomerContribution, MovementContribution } from './metric-types.ts';
import { monthKey } from './month-numbers.ts';
import { BRIDGE_FIELDS } from './movements.ts';
import { bridgeMonths, buildMatrix, periodEndMonths } from './prepare-matrix.ts';
import { toReportRequest } from './report-request.ts';
import { retentionMonths, retentionResult } from './retention-metrics.ts';
import { stockResult } from './stock-metrics.ts';
import { accountsArbitrary, BASE_MONTH, buildStore, naiveHadMrrBy, naiveMrr } from './test-fixtures/random-store.ts';

const range = fc.tuple(fc.integer({ min: -3, max: 30 }), fc.integer({ min: 0, max: 14 }))
  .map(([from, length]) => ({ from: monthKey(BASE_MONTH + from), to: monthKey(BASE_MONTH + from + length) }));
const breakdown = fc.constantFrom(undefined, 'segment' as const, 'plan' as const);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('the MRR engine (fast-check)', () => {
  it('puts each customer at the MRR the obvious computation gives, at every snapshot', () => {
    fc.assert(fc.property(accountsArbitrary, range, (accounts, { from, to }) => {
      const store = buildStore(accounts);
      const request = toReportRequest({ from, to });
      const { matrix } = buildMatrix(store, bridgeMonths(request), null, null);
      for (let row = 0; row < matrix.rowCount; row += 1) {
        const account = matrix.account[row] ?? 0;
        const currency = matrix.currencies[matrix.currency[row] ?? 0] ?? '';
        matrix.snapshotMonths.forEach((month, k) => {
          expect(matrix.values[row * matrix.width + k]).toBe(naiveMrr(accounts, account, currency, month));
        });
      }
    }), { numRuns: 300 });
  });

  it('closes every bridge, keeps periods continuous, and classifies new vs reactivation by history', () => {
    fc.assert(fc.property(accountsArbitrary, range, breakdown, (accounts, { from, to }, segment) => {
      const store = buildStore(accounts);
      const request = toReportRequest({ from, to, segment, explain: true });
      const rows = movementRows(buildMatrix(store, bridgeMonths(request), request.breakdown, null), request);
      const previousEnd = new Map<string, number>();
      for (const row of rows) {
        expect(row.mrrEndMinor).toBe(row.mrrStartMinor + row.newMinor + row.expansionMinor + row.reactivationMinor - row.contractionMinor - row.churnMinor);
        expect(row.customersEnd).toBe(row.customersStart + row.customersNew + row.customersReactivated - row.customersChurned);
        const series = `${row.segment}|${row.currency}`;
        if (previousEnd.has(series)) expect(row.mrrStartMinor).toBe(previousEnd.get(series));
        previousEnd.set(series, row.mrrEndMinor);
        const contributions = (row.explain?.contributions ?? []) as MovementContribution[];
        expect(sum(contributions.map((c) => c.startMinor))).toBe(row.mrrStartMinor);
        expect(sum(contributions.map((c) => c.endMinor))).toBe(row.mrrEndMinor);
        for (const movement of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) {
          expect(sum(contributions.filter((c) => c.movement === movement).map((c) => c.amountMinor))).toBe(row[`${movement}Minor`]);
        }
        const startMonth = (request.periods.find((p) => p.key === row.period)?.startMonth ?? 0) - 1;
        for (const c of contributions.filter((x) => x.movement === 'new' || x.movement === 'reactivation')) {
          const account = Number(c.accountId.slice(5));
          const had = naiveHadMrrBy(accounts, account, row.currency, startMonth, segment === 'plan' ? c.plan : undefined);
          expect(c.movement).toBe(had ? 'reactivation' : 'new');
        }
      }
      for (const field of BRIDGE_FIELDS) expect(rows.every((row) => Number.isSafeInteger(row[field]))).toBe(true);
    }), { numRuns: 300 });
  });

  it('explains MRR and ARR with customers and subscriptions that add up exactly to the figure', () => {
    fc.assert(fc.property(accountsArbitrary, range, breakdown, fc.constantFrom('mrr' as const, 'arr' as const), (accounts, { from, to }, segment, name) => {
      const store = buildStore(accounts);
      const request = toReportRequest({ from, to, segment, explain: true });
      const result = stockResult(buildMatrix(store, periodEndMonths(request), request.breakdown, null), name, request);
      for (const point of result.series) {
        const contributions = (point.explain?.contributions ?? []) as CustomerContribution[];
        expect(sum(contributions.map((c) => c.amountMinor))).toBe(point.value);
        const factor = name === 'arr' ? 12 : 1;
        for (const c of contributions) expect(factor * sum(c.subscriptions.map((s) => s.amountMinor))).toBe(c.amountMinor);
      }
    }), { numRuns: 200 });
  });

  it('keeps GRR ≤ 1, gives NRR and GRR the same cohort, and explains both exactly', () => {
    fc.assert(fc.property(accountsArbitrary, range, (accounts, { from, to }) => {
      const store = buildStore(accounts);
      const request = toReportRequest({ from, to, explain: true });
      const prepared = buildMatrix(store, retentionMonths(request), null, null);
      const nrr = retentionResult(prepared, 'nrr', request).series;
      const grr = retentionResult(prepared, 'grr', request).series;
      grr.forEach((point, i) => {
        expect(point['numerator']).toBeLessThanOrEqual(Number(point['denominator']));
        expect(nrr[i]?.['denominator']).toBe(point['denominator']);
        for (const p of [point, nrr[i]]) {
          const contributions = (p?.explain?.contributions ?? []) as MovementContribution[];
          expect(sum(contributions.map((c) => c.amountMinor))).toBe(p?.['numerator']);
          expect(sum(contributions.map((c) => c.startMinor))).toBe(p?.['denominator']);
        }
      });
    }), { numRuns: 200 });
  });

  it('explains churn rates with customers whose movements give the numerator and whose starts give the denominator', () => {
    fc.assert(fc.property(accountsArbitrary, range, breakdown, (accounts, { from, to }, segment) => {
      const request = toReportRequest({ from, to, segment, explain: true });
      const prepared = buildMatrix(buildStore(accounts), bridgeMonths(request), request.breakdown, null);
      const amount = (cs: MovementContribution[], ...kinds: string[]) => sum(cs.filter((c) => kinds.includes(c.movement)).map((c) => c.amountMinor));
      const numerators = {
        'customer-churn-rate': (cs: MovementContribution[]) => cs.filter((c) => c.movement === 'churn').length,
        'gross-mrr-churn-rate': (cs: MovementContribution[]) => amount(cs, 'contraction', 'churn'),
        'net-mrr-churn-rate': (cs: MovementContribution[]) => amount(cs, 'contraction', 'churn') - amount(cs, 'expansion', 'reactivation'),
      };
      for (const [name, numeratorOf] of Object.entries(numerators)) {
        for (const point of churnResult(prepared, name as keyof typeof numerators, request).series) {
          const contributions = (point.explain?.contributions ?? []) as MovementContribution[];
          expect(numeratorOf(contributions)).toBe(point['numerator']);
          const denominator = name === 'customer-churn-rate' ? contributions.filter((c) => c.startMinor > 0).length : sum(contributions.map((c) => c.startMinor));
          expect(denominator).toBe(point['denominator']);
        }
      }
    }), { numRuns: 150 });
  });
});
