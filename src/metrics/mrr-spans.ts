import { itemMrrMinor, type ItemTerms, type MrrSubject, type SubscriptionPause } from '../billing/index.ts';

/**
 * An item version's MRR as spans of days with a constant amount: [fromDate, toDate), toDate null
 * = open. Summing the spans that contain a day gives billing's mrrOnDate for that day (proved by
 * the property test beside this file), so the metrics engine and billing can never disagree.
 */
export type MrrSpan = { fromDate: string; toDate: string | null; mrrMinor: bigint };

/** The days on which a subscription can carry MRR: in service and past its trial; pauses cut holes. */
export type PaidWindow = { fromDate: string; toDate: string | null; pauses: readonly SubscriptionPause[] };

export type VersionDates = { effectiveFromDate: string; effectiveToDate: string | null };

/** null: the subscription never carries MRR (an open-ended trial). */
export function paidWindow(subject: Omit<MrrSubject, 'itemVersions' | 'currency'>): PaidWindow | null {
  // billing's isTrialingOn: without a trial end, status 'trialing' is a trial with no end yet.
  if (subject.trialEndDate === null && subject.status === 'trialing') return null;
  const trialEnd = subject.trialEndDate;
  const fromDate = trialEnd !== null && trialEnd > subject.startDate ? trialEnd : subject.startDate;
  return { fromDate, toDate: subject.endDate, pauses: subject.pauses };
}

/** The spans of one version: billing's itemMrrMinor over the part of the version inside the window. */
export function versionSpans(window: PaidWindow | null, version: ItemTerms & VersionDates): MrrSpan[] {
  if (window === null) return [];
  const mrrMinor = itemMrrMinor(version);
  // Zero MRR (one-time, usage, free or fully discounted items) changes no figure.
  if (mrrMinor === 0n) return [];
  const fromDate = version.effectiveFromDate > window.fromDate ? version.effectiveFromDate : window.fromDate;
  const toDate = earlierEnd(version.effectiveToDate, window.toDate);
  if (toDate !== null && fromDate >= toDate) return [];
  return withoutPauses(fromDate, toDate, window.pauses).map((piece) => ({ ...piece, mrrMinor }));
}

export function compileMrrSpans(subject: MrrSubject): MrrSpan[] {
  const window = paidWindow(subject);
  return subject.itemVersions.flatMap((version) => versionSpans(window, version));
}

function earlierEnd(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

type Piece = { fromDate: string; toDate: string | null };

/** [fromDate, toDate) minus the pauses (half-open, end null = paused until further notice). */
function withoutPauses(fromDate: string, toDate: string | null, pauses: readonly SubscriptionPause[]): Piece[] {
  const pieces: Piece[] = [];
  let cursor: string | null = fromDate;
  for (const pause of [...pauses].sort((a, b) => (a.startDate < b.startDate ? -1 : 1))) {
    if (cursor === null || (toDate !== null && cursor >= toDate)) break;
    if (pause.endDate !== null && pause.endDate <= cursor) continue;
    if (toDate !== null && pause.startDate >= toDate) break;
    if (pause.startDate > cursor) pieces.push({ fromDate: cursor, toDate: pause.startDate });
    cursor = pause.endDate;
  }
  if (cursor !== null && (toDate === null || cursor < toDate)) pieces.push({ fromDate: cursor, toDate });
  return pieces;
}
