/**
 * The proration note of an invoice line, as parts: a credit for unused time or an adjustment (the
 * part of the period now billable, against what was billed before for it), or a plain proration.
 * The line stores the English text (`lineNoteText`, what API clients have always read); documents
 * and the web app read the parts back (`parseLineNote`) and word them in the reader's language.
 */
export type LineNote =
  | { kind: 'credit' | 'adjustment'; billableDays: number; periodDays: number; billedBeforeMinor: bigint }
  | { kind: 'prorated'; billableDays: number; periodDays: number };

export function lineNoteText(note: LineNote): string {
  const fraction = `${note.billableDays}/${note.periodDays} days`;
  if (note.kind === 'prorated') return `prorated ${fraction}`;
  const lead = note.kind === 'credit' ? 'credit for unused time' : 'adjustment';
  return `${lead}: ${fraction} of the period now billable, ${note.billedBeforeMinor} billed before`;
}

const PRORATED = /^prorated (\d+)\/(\d+) days$/;
const AGAINST_BILLED = /^(credit for unused time|adjustment): (\d+)\/(\d+) days of the period now billable, (-?\d+) billed before$/;

/**
 * The note of a usage line: the aggregated quantity over the usage span (end exclusive), and — when a
 * minimum commitment lifted the charge — the rated amount, the minimum and the true-up between them.
 */
export type UsageNote = {
  quantity: bigint; aggregation: string | null; startDate: string | null; endDate: string | null;
  trueUp: { ratedMinor: bigint; minimumMinor: bigint } | null;
};

/** "usage 2 (unique_count) in 2026-01-01 – 2026-02-01 (exclusive); rated 800, minimum commitment 2000: true-up 1200". */
export function usageNoteText(note: UsageNote): string {
  const span = `in ${note.startDate ?? ''} – ${note.endDate ?? ''} (exclusive)`;
  const trueUp = note.trueUp === null ? ''
    : `; rated ${note.trueUp.ratedMinor}, minimum commitment ${note.trueUp.minimumMinor}: true-up ${note.trueUp.minimumMinor - note.trueUp.ratedMinor}`;
  return `usage ${note.quantity}${note.aggregation === null ? '' : ` (${note.aggregation})`} ${span}${trueUp}`;
}

const USAGE = /^usage (-?\d+)(?: \(([a-z_]+)\))? in (\d{4}-\d{2}-\d{2})? – (\d{4}-\d{2}-\d{2})? \(exclusive\)(?:; rated (-?\d+), minimum commitment (-?\d+): true-up (-?\d+))?$/;

/** The parts of a note `usageNoteText` wrote; null for anything else. */
export function parseUsageNote(text: string | null): UsageNote | null {
  const match = text === null ? null : USAGE.exec(text);
  if (!match) return null;
  const [, quantity, aggregation, startDate, endDate, rated, minimum, trueUp] = match;
  if (rated !== undefined && BigInt(minimum ?? '0') - BigInt(rated) !== BigInt(trueUp ?? '0')) return null;
  return {
    quantity: BigInt(quantity ?? '0'), aggregation: aggregation ?? null, startDate: startDate ?? null, endDate: endDate ?? null,
    trueUp: rated === undefined ? null : { ratedMinor: BigInt(rated), minimumMinor: BigInt(minimum ?? '0') },
  };
}

/** The parts of a note `lineNoteText` wrote; null for anything else (usage notes, imported text). */
export function parseLineNote(text: string | null): LineNote | null {
  if (text === null) return null;
  const prorated = PRORATED.exec(text);
  if (prorated) return { kind: 'prorated', billableDays: Number(prorated[1]), periodDays: Number(prorated[2]) };
  const against = AGAINST_BILLED.exec(text);
  if (!against) return null;
  return {
    kind: against[1] === 'adjustment' ? 'adjustment' : 'credit',
    billableDays: Number(against[2]), periodDays: Number(against[3]), billedBeforeMinor: BigInt(against[4] ?? '0'),
  };
}
