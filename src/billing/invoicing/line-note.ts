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
