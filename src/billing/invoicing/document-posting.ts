import { LEDGER_ACCOUNTS, postJournalEntries, postJournalEntry, type JournalLineInput, type PostJournalEntryInput } from '../../ledger/index.ts';
import type { TxCtx } from '../../shared/context.ts';
import { money } from '../../shared/money.ts';
import type { ItemKind } from '../tables.ts';
import type { Recognition } from './charge-types.ts';

/** A document line as the ledger sees it: which account its amount belongs to, signed like the invoice. */
export type PostingLine = { amountMinor: bigint; taxMinor: bigint; recognition: Recognition; revenueKind: ItemKind; recognizedMinor?: bigint };

const REVENUE_ACCOUNT: Record<ItemKind, string> = {
  recurring: LEDGER_ACCOUNTS.subscriptionRevenue,
  one_time: LEDGER_ACCOUNTS.servicesRevenue,
  usage: LEDGER_ACCOUNTS.usageRevenue,
};

/**
 * Journal lines for an invoice (sign +1) or a credit note (sign −1), docs/billing.md "Ledger":
 * Dr AR total / Cr deferred revenue (in-advance recurring, less what is already recognised) or
 * revenue / Cr tax payable. Each account is netted, so a credit line on an invoice reduces the
 * credit to its account; a net below zero flips to the other side. Balanced by construction.
 */
export function documentEntryLines(lines: readonly PostingLine[], sign: 1n | -1n, currency: string, refs: JournalLineInput['refs']): JournalLineInput[] {
  const credits = new Map<string, bigint>();
  const addCredit = (account: string, amount: bigint) => credits.set(account, (credits.get(account) ?? 0n) + amount * sign);
  let total = 0n;
  for (const line of lines) {
    const recognized = line.recognition === 'deferred' ? line.recognizedMinor ?? 0n : 0n;
    if (line.recognition === 'deferred') addCredit(LEDGER_ACCOUNTS.deferredRevenue, line.amountMinor - recognized);
    addCredit(REVENUE_ACCOUNT[line.revenueKind], line.recognition === 'deferred' ? recognized : line.amountMinor);
    addCredit(LEDGER_ACCOUNTS.taxPayable, line.taxMinor);
    total += (line.amountMinor + line.taxMinor) * sign;
  }
  const entry: JournalLineInput[] = [];
  if (total !== 0n) entry.push(side(LEDGER_ACCOUNTS.accountsReceivable, -total, currency, refs));
  for (const [account, amount] of credits) if (amount !== 0n) entry.push(side(account, amount, currency, refs));
  return entry;
}

/** Positive = credit, negative = debit. */
function side(accountCode: string, creditMinor: bigint, currency: string, refs: JournalLineInput['refs']): JournalLineInput {
  return creditMinor > 0n
    ? { accountCode, credit: money(creditMinor, currency), refs }
    : { accountCode, debit: money(-creditMinor, currency), refs };
}

export type DocumentEntry = {
  lines: readonly PostingLine[]; sign: 1n | -1n; currency: string; entryDate: string; description: string;
  source: { type: string; id: string }; refs: JournalLineInput['refs'];
};

/** The journal entry of a document, or null when there is nothing to post (an all-zero document moves no money). */
export function documentEntryInput(input: DocumentEntry): PostJournalEntryInput | null {
  const lines = documentEntryLines(input.lines, input.sign, input.currency, input.refs);
  if (lines.length < 2) return null;
  return { entryDate: input.entryDate, description: input.description, source: input.source, idempotencyKey: `${input.source.type}:${input.source.id}`, lines };
}

/** Posts the entry when there is anything to post. */
export async function postDocumentEntry(tx: TxCtx, input: DocumentEntry): Promise<string | null> {
  const entry = documentEntryInput(input);
  return entry === null ? null : (await postJournalEntry(tx, entry)).id;
}

/** Posts many documents' entries in one batch (postJournalEntries); null where a document posts nothing. */
export async function postDocumentEntries(tx: TxCtx, inputs: readonly DocumentEntry[]): Promise<Array<string | null>> {
  const entries = inputs.map(documentEntryInput);
  const posted = await postJournalEntries(tx, entries.filter((entry): entry is PostJournalEntryInput => entry !== null));
  let next = 0;
  return entries.map((entry) => {
    if (entry === null) return null;
    const ref = posted[next];
    next += 1;
    return ref?.id ?? null;
  });
}
