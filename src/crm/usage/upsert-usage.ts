import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import { ownerScope, type OwnerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findAccountRow } from '../repo.ts';
import { findUsageRows, writeUsageRows, type UsageKeyedRow } from './repo.ts';
import { usageUpsertRowsSchema, type UpsertResult, type UsageUpsertRow } from './schema.ts';

const keyOf = (row: Pick<UsageKeyedRow, 'account_id' | 'usage_date' | 'feature_key'>) => `${row.account_id}\u0000${row.usage_date}\u0000${row.feature_key}`;

/**
 * Sets the daily count of each (account, date, feature) to the value given — a replace, not a
 * sum — so sending the same rows again changes nothing (no write, no audit entry). Rows that
 * equal the stored value are counted as unchanged. The batch is all or nothing: any invalid row
 * fails the call with `body.rows.<i>.<field>` errors, nothing written.
 */
export async function upsertUsage(ctx: Ctx, rows: UsageUpsertRow[]): Promise<UpsertResult> {
  const parsed = parseInput(usageUpsertRowsSchema, rows, 'body.rows');
  const keyed: UsageKeyedRow[] = parsed.map((row) => ({ account_id: row.accountId, usage_date: row.usageDate, feature_key: row.featureKey, usage_count: BigInt(row.count) }));
  assertNoDuplicateKeys(keyed);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    await assertAccountsUsable(tx, scope, keyed);
    const previous = new Map((await findUsageRows(tx, keyed)).map((row) => [keyOf(row), row.usage_count]));
    const changed = keyed.filter((row) => previous.get(keyOf(row)) !== row.usage_count);
    if (changed.length > 0) await writeUsageRows(tx, changed, previous, keyOf);
    const inserted = changed.filter((row) => !previous.has(keyOf(row))).length;
    return { inserted, updated: changed.length - inserted, unchanged: keyed.length - changed.length };
  });
}

/** Two values for one key in one batch would make the result depend on row order. */
function assertNoDuplicateKeys(rows: readonly UsageKeyedRow[]): void {
  const firstAt = new Map<string, number>();
  const errors: FieldError[] = [];
  rows.forEach((row, i) => {
    const earlier = firstAt.get(keyOf(row));
    if (earlier === undefined) firstAt.set(keyOf(row), i);
    else errors.push({ field: `body.rows.${i}`, message: `same account, date and feature as row ${earlier}` });
  });
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
}

/** Each account must be live and visible; share-locked so a concurrent account delete waits. */
async function assertAccountsUsable(tx: TxCtx, scope: OwnerScope, rows: readonly UsageKeyedRow[]): Promise<void> {
  const firstRow = new Map<string, number>();
  rows.forEach((row, i) => firstRow.has(row.account_id) || firstRow.set(row.account_id, i));
  const errors: FieldError[] = [];
  for (const [accountId, i] of firstRow) {
    if (!(await findAccountRow(tx, scope, accountId, 'share'))) errors.push({ field: `body.rows.${i}.accountId`, message: 'unknown account' });
  }
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
}
