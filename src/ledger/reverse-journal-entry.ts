import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError, ruleViolated } from '../shared/errors.ts';
import type { PreparedLine } from './entry-rules.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { defaultReversalDate, periodOf } from './period-rules.ts';
import { findLineRows, findReversals, getEntryRow, type LineRow } from './repo-entries.ts';
import { findClosedPeriodsFrom } from './repo-periods.ts';
import { reverseJournalEntrySchema, type JournalEntry, type ReverseJournalEntryInput } from './schema.ts';
import { writeEntry } from './write-entry.ts';

/**
 * Corrects a posted entry by a new one with every line's side swapped (STYLE.md "Financial
 * records": entries are immutable, corrections reverse). An entry is reversed at most once and a
 * reversal is not itself reversed (post the entry again instead). Date: `entryDate` if given (on
 * or after the original's, in an open month), otherwise the reversal date rule (period-rules.ts).
 * Lines may name accounts deactivated since: a correction must stay possible.
 */
export async function reverseJournalEntry(ctx: Ctx, entryId: string, input: ReverseJournalEntryInput): Promise<JournalEntry> {
  const parsed = parseInput(reverseJournalEntrySchema, input);
  return inTransaction(ctx, async (tx) => {
    // Row lock: a second reversal of the same entry waits here, then finds the first one.
    const original = await getEntryRow(tx, entryId, 'update');
    if (original.reverses_entry_id !== null) {
      throw ruleViolated(`${original.number} is itself a reversal; post the original entry again instead of reversing it`, { entryId });
    }
    const reversedBy = (await findReversals(tx, [entryId])).get(entryId);
    if (reversedBy) {
      throw new AppError('conflict', `${original.number} has already been reversed`, { extra: { reversedByEntryId: reversedBy } });
    }
    const entryDate = parsed.entryDate ?? defaultReversalDate(original.entry_date, await findClosedPeriodsFrom(tx, periodOf(original.entry_date)));
    if (entryDate < original.entry_date) {
      throw new AppError('validation_failed', `A reversal cannot be dated before the entry it reverses (${original.entry_date})`, {
        fieldErrors: [{ field: 'body.entryDate', message: `must be on or after ${original.entry_date}` }],
      });
    }
    const lines = (await findLineRows(tx, [entryId])).map(swapSide);
    return writeEntry(tx, {
      entryDate,
      description: `Reversal of ${original.number}: ${parsed.reason}`.slice(0, 500),
      source: original.source_type !== null && original.source_id !== null ? { type: original.source_type, id: original.source_id } : null,
      idempotencyKey: null,
      requestHash: null,
      reversesEntryId: original.id,
      lines,
    }, 'reverse');
  });
}

function swapSide(row: LineRow): PreparedLine {
  const isDebit = row.debit_minor > 0n;
  return {
    lineNumber: row.line_number,
    accountCode: row.account_code,
    side: isDebit ? 'credit' : 'debit',
    amount: { amountMinor: isDebit ? row.debit_minor : row.credit_minor, currency: row.currency },
    memo: row.memo,
    refs: { accountId: row.account_id, subscriptionId: row.subscription_id, invoiceId: row.invoice_id },
  };
}
