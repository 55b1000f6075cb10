import { sql, type Kysely } from 'kysely';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { AppError } from '../shared/errors.ts';
import type { CpqTables } from './tables.ts';

export function cpqDb(ctx: Ctx): Kysely<SharedTables & CpqTables> {
  return ctx.db.withTables<CpqTables>();
}

export function nowOf(ctx: Ctx): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

/**
 * Serialises one kind of CPQ write until commit, e.g. numbering a new quote version of an
 * opportunity, where the read of the highest number and the insert must not interleave with
 * another transaction's. The unique constraint backs the rule up.
 */
export async function lockCpqKey(tx: TxCtx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`revline.cpq.${key}`}))`.execute(tx.db);
}

export function versionConflict(entity: string, id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `${entity} ${id} is at version ${currentVersion}, not ${expectedVersion}`, { extra: { currentVersion } });
}

type ConstraintAnswer = { code: 'conflict' | 'validation_failed'; field: string; message: string };

// The violations a caller can cause, by constraint name; the rest stay 500s (programmer errors).
const CONSTRAINT_ANSWERS: Record<string, ConstraintAnswer> = {
  quotes_version_number: { code: 'conflict', field: 'body.opportunityId', message: 'another quote version was created at the same time; retry' },
  quotes_owner_user_id_fkey: { code: 'validation_failed', field: 'body.ownerUserId', message: 'unknown user' },
  approval_rules_approver_user_id_fkey: { code: 'validation_failed', field: 'body.approverUserId', message: 'unknown user' },
  validation_rules_key: { code: 'conflict', field: 'body.key', message: 'another validation rule has this key' },
  quote_validation_overrides_once: { code: 'conflict', field: 'body.ruleKey', message: 'this rule is already overridden for this quote' },
  product_rules_product_id_fkey: { code: 'validation_failed', field: 'body.productId', message: 'unknown product' },
  product_rules_related_product_id_fkey: { code: 'validation_failed', field: 'body.relatedProductId', message: 'unknown product' },
};

export async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    const answer = (code === '23505' || code === '23503') && typeof constraint === 'string' ? CONSTRAINT_ANSWERS[constraint] : undefined;
    if (!answer) throw error;
    throw new AppError(answer.code, answer.message, { fieldErrors: [{ field: answer.field, message: answer.message }], cause: error });
  }
}

export function fieldError(field: string, message: string, detail = message): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field, message }] });
}
