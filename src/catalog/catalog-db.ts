import { sql, type Kysely } from 'kysely';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import { AppError } from '../shared/errors.ts';
import type { CatalogTables } from './tables.ts';

export function catalogDb(ctx: Ctx): Kysely<SharedTables & CatalogTables> {
  return ctx.db.withTables<CatalogTables>();
}

export function nowOf(ctx: Ctx): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

/**
 * Serialises one kind of catalog write until commit (setting prices of one product in one book,
 * changing a default book, re-shaping bundles), where the check that keeps a rule and the write
 * must not interleave with another transaction's. The unique indexes back each rule up.
 */
export async function lockCatalogKey(tx: TxCtx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`revline.catalog.${key}`}))`.execute(tx.db);
}

export function versionConflict(entity: string, id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `${entity} ${id} is at version ${currentVersion}, not ${expectedVersion}`, { extra: { currentVersion } });
}

type ConstraintAnswer = { status: 'conflict' | 'validation_failed'; field: string; message: string };

// The unique violations a caller can cause, by index name; the rest stay 500s (programmer errors).
const CONSTRAINT_ANSWERS: Record<string, ConstraintAnswer> = {
  products_sku: { status: 'conflict', field: 'body.sku', message: 'another product already has this SKU' },
  price_books_default: { status: 'conflict', field: 'body.isDefault', message: 'another default book was set at the same time; retry' },
  prices_version: { status: 'conflict', field: 'body.productId', message: 'another price version was set at the same time; retry' },
  prices_open: { status: 'conflict', field: 'body.productId', message: 'another price version was set at the same time; retry' },
  bundle_items_pair: { status: 'conflict', field: 'body.includedProductId', message: 'already in this bundle' },
};

export async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    const answer = code === '23505' && typeof constraint === 'string' ? CONSTRAINT_ANSWERS[constraint] : undefined;
    if (!answer) throw error;
    throw new AppError(answer.status, answer.message, { fieldErrors: [{ field: answer.field, message: answer.message }], cause: error });
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
