import { sql } from 'kysely';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';

// Write helpers shared by the contact, lead, campaign and activity services (the account
// services have private copies of the first three).

export function versionConflict(entity: string, id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `${entity} ${id} is at version ${currentVersion}, not ${expectedVersion}`, {
    extra: { currentVersion },
  });
}

export function assertVersion(entity: string, row: { id: string; version: number }, expectedVersion: number): void {
  if (row.version !== expectedVersion) throw versionConflict(entity, row.id, row.version, expectedVersion);
}

export function nowOf(ctx: Ctx): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The columns whose value differs; an update with none writes nothing (no audit row, no version). */
export function changedValues<T extends Record<string, unknown>>(previous: T, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (next[key] !== previous[key]) changed[key] = next[key];
  }
  return changed;
}

export function invalidField(field: string, message: string, detail = `${field}: ${message}`): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field, message }] });
}

/**
 * Turns the constraint violations a caller can cause into AppErrors (unique 23505, foreign key
 * 23503, check 23514), by constraint name; anything else stays a programmer error (500).
 */
export async function withConstraintErrors<T>(query: Promise<T>, known: Record<string, () => AppError>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    const make = typeof constraint === 'string' && ['23505', '23503', '23514'].includes(String(code)) ? known[constraint] : undefined;
    if (!make) throw error;
    const mapped = make();
    throw new AppError(mapped.code, mapped.detail, { fieldErrors: mapped.fieldErrors, extra: mapped.extra, cause: error });
  }
}

/**
 * Serialises writers of one logical key (e.g. an e-mail address) until commit, so a check such as
 * "no open lead has this e-mail" cannot pass in two transactions at once. The unique index stays
 * the backstop; the lock is what lets the 409 name the existing record.
 */
export async function lockKey(tx: TxCtx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx.db);
}

/**
 * Runs a nested service (createAccount inside a lead conversion) and moves its field errors under
 * the nested body key: `body.name` becomes `body.createAccount.name`.
 */
export async function withFieldPrefix<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || error.fieldErrors.length === 0) throw error;
    const fieldErrors: FieldError[] = error.fieldErrors.map((f) => ({ ...f, field: f.field.replace(/^body\./, `${prefix}.`) }));
    throw new AppError(error.code, error.detail, { fieldErrors, extra: error.extra, cause: error });
  }
}
