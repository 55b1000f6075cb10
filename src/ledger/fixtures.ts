import type { Ctx } from '../shared/context.ts';
import { money, type Money } from '../shared/money.ts';
import type { JournalLineInput, LineRefs, PostJournalEntryInput } from './schema.ts';
import { ledgerDb } from './tables.ts';

export const eur = (amountMinor: bigint | number): Money => money(amountMinor, 'EUR');
export const usd = (amountMinor: bigint | number): Money => money(amountMinor, 'USD');

export function debit(accountCode: string, amount: Money, refs?: LineRefs): JournalLineInput {
  return { accountCode, debit: amount, ...(refs ? { refs } : {}) };
}

export function credit(accountCode: string, amount: Money, refs?: LineRefs): JournalLineInput {
  return { accountCode, credit: amount, ...(refs ? { refs } : {}) };
}

let sequence = 0;

/** A balanced entry: an invoice of EUR 119.00 (100.00 revenue, 19.00 tax) issued 2026-01-10. */
export function makeEntryInput(overrides: Partial<PostJournalEntryInput> = {}): PostJournalEntryInput {
  sequence += 1;
  return {
    entryDate: '2026-01-10',
    description: `Test entry ${sequence}`,
    lines: [debit('1100', eur(11900)), credit('4000', eur(10000)), credit('2100', eur(1900))],
    ...overrides,
  };
}

export async function countEntryRows(ctx: Ctx): Promise<{ entries: number; lines: number }> {
  const db = ledgerDb(ctx);
  const entries = await db.selectFrom('journal_entries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const lines = await db.selectFrom('journal_lines').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { entries: Number(entries.n), lines: Number(lines.n) };
}

/** The audit trail of one record, oldest first. */
export async function auditTrail(ctx: Ctx, entityType: string, entityId: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}
