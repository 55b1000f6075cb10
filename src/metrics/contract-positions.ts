import { chargeKey, chargeTargets, type BillingSubject } from '../billing/index.ts';
import { addDaysToDate } from './month-numbers.ts';
import type { Contract } from './load-contracts.ts';
import type { FinanceRecord } from './finance-series.ts';

/** Contracted and billed amount of one subscription at a date (the backlog is their difference). */
export type Unbilled = FinanceRecord & { recordType: 'subscription'; accountId: string; contractEndDate: string | null; contractedMinor: bigint; billedMinor: bigint };

type Version = BillingSubject['itemVersions'][number];
/** A recurring version's targets for every period through the latest date asked, oldest first, with running totals. */
type VersionTargets = { version: Version; fromDate: string; capDate: string | null; starts: string[]; index: Map<string, number>; runningMinor: bigint[] };
type Valuation = { throughDate: string; oneTimeMinor: bigint; versions: VersionTargets[]; targetOf: Map<string, bigint> };
/** What contractPositions keeps per contract: its valuation, its lines' issue dates (ascending) and running totals, per version its billed starts. */
type Prepared = {
  valuation: Valuation | null;
  issueDates: string[];
  runningBilledMinor: bigint[];
  billedStarts: Array<Array<{ start: string; issueDate: string; at: number | undefined }>>;
};

/**
 * Per subscription created by a date: the billing engine's targets for every charge through the
 * contract's last day (end date − 1; an open-ended subscription is committed to its current
 * billing periods only, i.e. through the date) and every charge billed by then (billing's
 * `chargeTargets`, which adds the keys billed before), minus the lines issued by the date. A charge
 * billed above its target now (a credit still to issue) lowers the figure.
 *
 * The answer for many dates: a charge's target depends on the subscription, the version and the
 * period only, so `chargeTargets` runs once per subscription through the latest date, and each
 * date takes the periods whose start is on or before its last day (a prefix, as billing's run
 * enumerates them) plus the billed keys outside it — one valuation per subscription instead of one
 * per subscription and period end (issue #7). contract-positions.property.test.ts holds every date's
 * answer equal to `chargeTargets` called for that date.
 */
export function contractPositions(contracts: readonly Contract[], lastDate: string): (date: string) => Unbilled[] {
  const prepared = new Map<Contract, Prepared>();
  return (date) => {
    const records: Unbilled[] = [];
    for (const contract of contracts) {
      if (contract.createdDate > date) continue;
      const { subject } = contract;
      let own = prepared.get(contract);
      if (own === undefined) {
        own = prepare(contract, valuationOf(subject, throughDateOf(subject, lastDate > date ? lastDate : date)));
        prepared.set(contract, own);
      }
      const issued = countThrough(own.issueDates, date);
      const through = throughDateOf(subject, date);
      const contractedMinor = own.valuation !== null && through <= own.valuation.throughDate
        ? contractedAt(subject, own, through, date)
        : chargeTargets(subject, through, billedAt(contract, date)).reduce((sum, target) => sum + target.targetMinor, 0n);
      const billedMinor = own.runningBilledMinor[issued] ?? 0n;
      records.push({
        recordType: 'subscription', id: subject.id, accountId: contract.accountId, contractEndDate: subject.endDate, contractedMinor, billedMinor,
        date, amountMinor: contractedMinor - billedMinor, currency: subject.currency, segment: contract.segment, country: contract.country, industry: contract.industry,
      });
    }
    return records;
  };
}

/** Per charge key, the sum of the lines issued by the date (billing's BilledAmounts). */
function billedAt(contract: Contract, date: string): Map<string, bigint> {
  const billed = new Map<string, bigint>();
  for (const line of contract.billed) if (line.issueDate <= date) billed.set(line.key, (billed.get(line.key) ?? 0n) + line.amountMinor);
  return billed;
}

/**
 * A contract's lines by issue date with running totals (what was billed by a date is a prefix),
 * and per recurring version of the valuation its billed period starts, each with the date it was
 * first billed and its place among the run's own periods (undefined: a start the run does not list).
 */
function prepare(contract: Contract, valuation: Valuation | null): Prepared {
  const lines = [...contract.billed].sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0));
  const runningBilledMinor = [0n];
  for (const line of lines) runningBilledMinor.push((runningBilledMinor[runningBilledMinor.length - 1] ?? 0n) + line.amountMinor);
  const firstIssue = new Map<string, Map<string, string>>();
  for (const line of lines) {
    const [versionId, periodStart] = line.key.split('|');
    if (versionId === undefined || periodStart === undefined || periodStart === 'once') continue;
    const starts = firstIssue.get(versionId) ?? new Map<string, string>();
    if (!starts.has(periodStart)) starts.set(periodStart, line.issueDate);
    firstIssue.set(versionId, starts);
  }
  const billedStarts = (valuation?.versions ?? []).map(({ version, index }) =>
    [...(firstIssue.get(version.id) ?? new Map<string, string>())].map(([start, issueDate]) => ({ start, issueDate, at: index.get(start) })));
  return { valuation, issueDates: lines.map((line) => line.issueDate), runningBilledMinor, billedStarts };
}

/** The date billing's valuation runs through: the contract's last day, or the date itself when that is later or the contract is open-ended. */
function throughDateOf(subject: BillingSubject, date: string): string {
  const lastDay = subject.endDate === null ? date : addDaysToDate(subject.endDate, -1);
  return lastDay > date ? lastDay : date;
}

/** Null when a version's target depends on more than its period (usage is rated on metered quantities): those are valued per date. */
function valuationOf(subject: BillingSubject, throughDate: string): Valuation | null {
  if (subject.itemVersions.some((version) => version.kind === 'usage')) return null;
  const targets = chargeTargets(subject, throughDate, new Map());
  let oneTimeMinor = 0n;
  const versions: VersionTargets[] = [];
  for (const version of subject.itemVersions) {
    const own = targets.filter((target) => target.subscriptionItemId === version.id);
    if (version.kind === 'one_time') {
      oneTimeMinor += own.reduce((sum, target) => sum + target.targetMinor, 0n);
      continue;
    }
    const starts = own.map((target) => target.billingPeriodStartDate ?? '');
    const runningMinor = [0n];
    for (const target of own) runningMinor.push((runningMinor[runningMinor.length - 1] ?? 0n) + target.targetMinor);
    const fromDate = version.effectiveFromDate > subject.startDate ? version.effectiveFromDate : subject.startDate;
    // billing's recurring targets run through min(through, version end − 1, subscription end − 1).
    const ends = [version.effectiveToDate, subject.endDate].filter((end): end is string => end !== null).map((end) => addDaysToDate(end, -1));
    const capDate = ends.length === 0 ? null : ends.reduce(minDate);
    versions.push({ version, fromDate, capDate, starts, index: new Map(starts.map((start, i) => [start, i])), runningMinor });
  }
  return { throughDate, oneTimeMinor, versions, targetOf: new Map() };
}

/** Σ targets of what `chargeTargets(subject, through, billed by the date)` lists, from the valuation through a later date. */
function contractedAt(subject: BillingSubject, prepared: Prepared, through: string, date: string): bigint {
  const valuation = prepared.valuation as Valuation;
  let total = valuation.oneTimeMinor;
  valuation.versions.forEach((targets, v) => {
    const { version, fromDate, capDate, starts, runningMinor } = targets;
    const lastDay = capDate === null ? through : minDate(through, capDate);
    const count = lastDay >= fromDate ? countThrough(starts, lastDay) : 0;
    total += runningMinor[count] ?? 0n;
    for (const { start, issueDate, at } of prepared.billedStarts[v] ?? []) {
      if (issueDate > date || (at !== undefined && at < count)) continue;
      total += at !== undefined ? (runningMinor[at + 1] ?? 0n) - (runningMinor[at] ?? 0n) : billedTargetOf(subject, valuation, version, fromDate, start);
    }
  });
  return total;
}

/** The target of the period holding a billed start that is not one of the run's own starts (a period since re-anchored), remembered. */
function billedTargetOf(subject: BillingSubject, valuation: Valuation, version: Version, fromDate: string, start: string): bigint {
  const key = chargeKey(version.id, start);
  const known = valuation.targetOf.get(key);
  if (known !== undefined) return known;
  // Through the day before the version starts: billing lists no period of its own, only the billed key.
  const targets = chargeTargets({ ...subject, itemVersions: [version] }, addDaysToDate(fromDate, -1), new Map([[key, 0n]]));
  const value = targets.reduce((sum, target) => sum + target.targetMinor, 0n);
  valuation.targetOf.set(key, value);
  return value;
}

/** How many of the ascending dates are on or before the date (binary search). */
function countThrough(starts: readonly string[], date: string): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] ?? '') <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
