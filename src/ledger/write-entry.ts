import { AppError, ruleViolated, type FieldError } from '../shared/errors.ts';
import type { TxCtx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { assertBalanced, type PreparedLine } from './entry-rules.ts';
import { periodOf } from './period-rules.ts';
import { findAccountRows } from './repo-accounts.ts';
import { insertEntry, takeEntryNumber, toJournalEntry } from './repo-entries.ts';
import { findPeriodRow, lockPeriod } from './repo-periods.ts';
import type { JournalEntry } from './schema.ts';

/** One series for now; the counter and the number format already allow more (e.g. per source system). */
export const ENTRY_SERIES = 'JE';

export type EntryDraft = {
  entryDate: string;
  description: string;
  source: { type: string; id: string } | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  reversesEntryId: string | null;
  lines: PreparedLine[];
};

/**
 * The one way an entry is written, for postings and reversals alike: balanced (again: the
 * invariant is asserted where it is written), into an open month, numbered, audited.
 */
export async function writeEntry(tx: TxCtx, draft: EntryDraft, action: 'post' | 'reverse'): Promise<JournalEntry> {
  assertBalanced(draft.lines);
  await assertPeriodOpen(tx, periodOf(draft.entryDate));
  const fiscalYear = Number(draft.entryDate.slice(0, 4));
  const { sequence, number } = await takeEntryNumber(tx, ENTRY_SERIES, fiscalYear);
  // The system clock, not ctx.clock: ids order entries of one date by creation (crm does the same).
  const id = newId('je');
  const written = await insertEntry(tx, {
    id, number, series: ENTRY_SERIES, fiscal_year: fiscalYear, sequence,
    entry_date: draft.entryDate,
    description: draft.description,
    source_type: draft.source?.type ?? null,
    source_id: draft.source?.id ?? null,
    idempotency_key: draft.idempotencyKey,
    request_hash: draft.requestHash,
    reverses_entry_id: draft.reversesEntryId,
    line_count: draft.lines.length,
    posted_at: new Date(tx.clock.now().epochMilliseconds),
    posted_by: tx.actor.id,
  }, draft.lines.map((line) => ({
    entry_id: id,
    line_number: line.lineNumber,
    account_code: line.accountCode,
    debit_minor: line.side === 'debit' ? line.amount.amountMinor : 0n,
    credit_minor: line.side === 'credit' ? line.amount.amountMinor : 0n,
    currency: line.amount.currency,
    account_id: line.refs.accountId,
    subscription_id: line.refs.subscriptionId,
    invoice_id: line.refs.invoiceId,
    memo: line.memo,
  })), action);
  return toJournalEntry(written.entry, written.lines, null);
}

/** Nothing posts into a closed month. Holds the month's shared lock until commit (see lockPeriod). */
export async function assertPeriodOpen(tx: TxCtx, period: string): Promise<void> {
  await lockPeriod(tx, period, 'shared');
  const row = await findPeriodRow(tx, period);
  if (row?.status === 'closed') {
    throw ruleViolated(`Period ${period} is closed; post into an open period or ask an admin to reopen it`, { period });
  }
}

/** Every line names a known, active account; the errors name the lines. */
export async function assertAccountsUsable(tx: TxCtx, lines: readonly PreparedLine[]): Promise<void> {
  const accounts = new Map((await findAccountRows(tx, lines.map((line) => line.accountCode))).map((row) => [row.code, row]));
  const fieldErrors: FieldError[] = [];
  for (const line of lines) {
    const account = accounts.get(line.accountCode);
    const problem = !account ? 'is not a ledger account' : !account.active ? 'is inactive and takes no new postings' : null;
    if (problem) {
      fieldErrors.push({ field: `body.lines.${line.lineNumber - 1}.accountCode`, message: `line ${line.lineNumber}: account ${line.accountCode} ${problem}` });
    }
  }
  if (fieldErrors.length > 0) {
    throw new AppError('validation_failed', fieldErrors.map((f) => f.message).join('; '), { fieldErrors });
  }
}
