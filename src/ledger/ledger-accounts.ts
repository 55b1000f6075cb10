import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findAccountRow, insertAccountRow, listAccountRows, lockAccountRow, toLedgerAccount, updateAccountActive } from './repo-accounts.ts';
import { createLedgerAccountSchema, type CreateLedgerAccountInput, type LedgerAccount } from './schema.ts';
import type { LedgerAccountType, Side } from './tables.ts';

/** Assets and expenses grow on the debit side; liabilities, equity and revenue on the credit side. */
export function defaultNormalSide(type: LedgerAccountType): Side {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}

export async function listLedgerAccounts(ctx: Ctx): Promise<LedgerAccount[]> {
  return (await listAccountRows(ctx)).map(toLedgerAccount);
}

export async function getLedgerAccount(ctx: Ctx, code: string): Promise<LedgerAccount> {
  const row = await findAccountRow(ctx, code);
  if (!row) throw notFound('ledger account', code);
  return toLedgerAccount(row);
}

/** A contra account (e.g. an allowance for doubtful debts) names its normal side explicitly. */
export async function createLedgerAccount(ctx: Ctx, input: CreateLedgerAccountInput): Promise<LedgerAccount> {
  const { code, name, type, normalSide } = parseInput(createLedgerAccountSchema, input);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    const row = { code, name, type, normal_side: normalSide ?? defaultNormalSide(type), active: true, created_at: now, updated_at: now };
    return toLedgerAccount(await insertAccountRow(tx, row));
  });
}

/**
 * An inactive account takes no new postings (reversals excepted); its history stays. Setting the
 * state it already has writes nothing. Code, type and normal side never change (the database
 * refuses): they give meaning to the lines already posted.
 */
export async function setLedgerAccountActive(ctx: Ctx, code: string, active: boolean): Promise<LedgerAccount> {
  return inTransaction(ctx, async (tx) => {
    const before = await lockAccountRow(tx, code);
    if (!before) throw notFound('ledger account', code);
    if (before.active === active) return toLedgerAccount(before);
    return toLedgerAccount(await updateAccountActive(tx, before, active, new Date(tx.clock.now().epochMilliseconds)));
  });
}
