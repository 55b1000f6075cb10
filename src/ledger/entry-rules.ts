import { hash } from 'node:crypto';
import { AppError, assert, type FieldError } from '../shared/errors.ts';
import { formatMinor, type Money } from '../shared/money.ts';
import type { ParsedEntry } from './schema.ts';
import type { Side } from './tables.ts';

/** A line as it will be written: numbered from 1, one side, a positive amount. */
export type PreparedLine = {
  lineNumber: number;
  accountCode: string;
  side: Side;
  amount: Money;
  memo: string | null;
  refs: { accountId: string | null; subscriptionId: string | null; invoiceId: string | null };
};

export function prepareLines(lines: ParsedEntry['lines']): PreparedLine[] {
  return lines.map((line, index) => {
    // The schema has already refused lines with both or neither side: this is its assertion.
    const side: Side = line.debit !== undefined ? 'debit' : 'credit';
    const amount = line.debit ?? line.credit;
    assert(amount !== undefined, `line ${index + 1} has no amount`);
    return {
      lineNumber: index + 1,
      accountCode: line.accountCode,
      side,
      amount,
      memo: line.memo ?? null,
      refs: { accountId: line.refs?.accountId ?? null, subscriptionId: line.refs?.subscriptionId ?? null, invoiceId: line.refs?.invoiceId ?? null },
    };
  });
}

export type CurrencyTotals = { currency: string; debitMinor: bigint; creditMinor: bigint; lineNumbers: number[] };

/** Debit and credit totals per currency, in currency order. */
export function totalsByCurrency(lines: readonly PreparedLine[]): CurrencyTotals[] {
  const totals = new Map<string, CurrencyTotals>();
  for (const line of lines) {
    const { currency, amountMinor } = line.amount;
    const entry = totals.get(currency) ?? { currency, debitMinor: 0n, creditMinor: 0n, lineNumbers: [] };
    if (line.side === 'debit') entry.debitMinor += amountMinor;
    else entry.creditMinor += amountMinor;
    entry.lineNumbers.push(line.lineNumber);
    totals.set(currency, entry);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/**
 * Every entry balances per currency (STYLE.md "Financial records"): debits equal credits in each
 * currency on its own, so an EUR debit is never settled by a USD credit (FX goes through 4900 in
 * both currencies, docs/ledger.md). Checked here with errors naming the lines; the database checks
 * again at commit.
 */
export function assertBalanced(lines: readonly PreparedLine[]): void {
  const unbalanced = totalsByCurrency(lines).filter((t) => t.debitMinor !== t.creditMinor);
  if (unbalanced.length === 0) return;
  const describe = (t: CurrencyTotals) =>
    `${t.currency} does not balance: debits ${formatMinor(t.debitMinor, t.currency)}, credits ${formatMinor(t.creditMinor, t.currency)} ` +
    `(lines ${t.lineNumbers.join(', ')})`;
  const fieldErrors: FieldError[] = unbalanced.flatMap((t) =>
    t.lineNumbers.map((n) => ({ field: `body.lines.${n - 1}`, message: `line ${n}: ${describe(t)}`, code: 'unbalanced' })),
  );
  throw new AppError('business_rule_violated', `The entry does not balance per currency. ${unbalanced.map(describe).join('; ')}`, {
    fieldErrors,
    extra: { unbalanced: unbalanced.map((t) => ({ currency: t.currency, debitMinor: String(t.debitMinor), creditMinor: String(t.creditMinor) })) },
  });
}

export type EntryContent = { entryDate: string; description: string; source: { type: string; id: string } | null; lines: readonly PreparedLine[] };

/** What a replay with the same idempotency key must match: everything that makes up the entry, normalized. */
export function requestHashOf(content: EntryContent): string {
  return hash('sha256', requestText(content), 'hex');
}

/**
 * requestHashOf in two steps, for an entry whose description is given last (postCheckedJournalEntries):
 * everything after the description — date, lines, source — is written once, and
 * requestHashWithDescription puts the description in front of it (the same text, the same hash).
 */
export function requestTextAfterDescription({ entryDate, source, lines }: Omit<EntryContent, 'description'>): string {
  const q = JSON.stringify;
  let linesText = '';
  for (const line of lines) {
    const { amount, refs } = line;
    linesText += `${linesText === '' ? '' : ','}{"accountCode":${q(line.accountCode)},"amount":{"amountMinor":"${amount.amountMinor.toString()}","currency":${q(amount.currency)}},`
      + `"lineNumber":${q(line.lineNumber)},"memo":${q(line.memo)},"refs":{"accountId":${q(refs.accountId)},"invoiceId":${q(refs.invoiceId)},`
      + `"subscriptionId":${q(refs.subscriptionId)}},"side":${q(line.side)}}`;
  }
  const sourceText = source === null ? 'null' : `{"id":${q(source.id)},"type":${q(source.type)}}`;
  return `"entryDate":${q(entryDate)},"lines":[${linesText}],"source":${sourceText}}`;
}

export function requestHashWithDescription(description: string, textAfterDescription: string): string {
  return hash('sha256', `{"description":${JSON.stringify(description)},${textAfterDescription}`, 'hex');
}

/**
 * canonicalJson({ entryDate, description, source, lines }) written directly, keys in their sorted
 * order at every level (the generic path stringifies, fails on the bigint, stringifies again, parses
 * and sorts every object's keys). entry-rules.test.ts proves the hash unchanged (stored request
 * hashes must keep matching).
 */
function requestText(content: EntryContent): string {
  return `{"description":${JSON.stringify(content.description)},${requestTextAfterDescription(content)}`;
}
