import { sql, type Insertable, type SqlBool } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { assert, notFound } from '../shared/errors.ts';
import { catalogDb, withConstraintErrors } from './catalog-db.ts';
import type { Channel, PriceBook, PriceBookFields, PriceBookRow, PriceBooksTable } from './price-book-schema.ts';

/** `expired` is computed against today in UTC: validToDate is the first day the book no longer applies. */
export function toPriceBook(ctx: Ctx, row: PriceBookRow): PriceBook {
  const today = toIsoDate(ctx.clock.today());
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    currency: row.currency,
    channel: row.channel,
    validFromDate: row.valid_from_date,
    validToDate: row.valid_to_date,
    active: row.active,
    isDefault: row.is_default,
    expired: row.valid_to_date !== null && row.valid_to_date <= today,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export type PriceBookColumns = Required<Omit<Insertable<PriceBooksTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

export function toPriceBookColumns(fields: PriceBookFields): PriceBookColumns {
  return {
    name: fields.name,
    description: fields.description,
    currency: fields.currency,
    channel: fields.channel,
    valid_from_date: fields.validFromDate,
    valid_to_date: fields.validToDate,
    active: fields.active,
    is_default: fields.isDefault,
  };
}

export async function findPriceBookRow(ctx: Ctx, id: string, lock?: 'update' | 'share'): Promise<PriceBookRow | undefined> {
  const query = catalogDb(ctx).selectFrom('price_books').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (lock === 'update') return query.forUpdate().executeTakeFirst();
  if (lock === 'share') return query.forShare().executeTakeFirst();
  return query.executeTakeFirst();
}

export async function getPriceBookRow(ctx: Ctx, id: string, lock?: 'update' | 'share'): Promise<PriceBookRow> {
  const row = await findPriceBookRow(ctx, id, lock);
  if (!row) throw notFound('price book', id);
  return row;
}

export async function insertPriceBook(tx: TxCtx, row: PriceBookColumns & { id: string; created_at: Date; updated_at: Date }): Promise<PriceBookRow> {
  const inserted = await withConstraintErrors(
    catalogDb(tx).insertInto('price_books').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'price_book', entityId: row.id, before: null, after: inserted });
  return inserted;
}

export async function updatePriceBookRow(
  tx: TxCtx,
  before: PriceBookRow,
  changes: Partial<PriceBookColumns> & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete',
): Promise<PriceBookRow> {
  const after = await withConstraintErrors(
    catalogDb(tx)
      .updateTable('price_books')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
  );
  assert(after, `price book ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'price_book', entityId: before.id, before, after });
  return after;
}

/** The live default for (currency, channel) other than `exceptId`, locked for the caller to clear it. */
export async function findOtherDefaultRow(tx: TxCtx, currency: string, channel: Channel, exceptId: string): Promise<PriceBookRow | undefined> {
  return catalogDb(tx)
    .selectFrom('price_books')
    .selectAll()
    .where('currency', '=', currency)
    .where('channel', '=', channel)
    .where('is_default', '=', true)
    .where('deleted_at', 'is', null)
    .where('id', '<>', exceptId)
    .forUpdate()
    .executeTakeFirst();
}

export type PriceBookFilter = { currency?: string; channel?: Channel; active?: boolean };

/** Keyset page in (lower(name), id) order; names repeat, so the id breaks ties. */
export async function findPriceBookRows(ctx: Ctx, filter: PriceBookFilter, page: { limit: number; after: { name: string; id: string } | null }) {
  let query = catalogDb(ctx).selectFrom('price_books').selectAll().where('deleted_at', 'is', null);
  if (filter.currency !== undefined) query = query.where('currency', '=', filter.currency);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (page.after) query = query.where(sql<SqlBool>`(lower(price_books.name), price_books.id) > (lower(${page.after.name}), ${page.after.id})`);
  return query.orderBy(sql`lower(price_books.name)`).orderBy('price_books.id').limit(page.limit).execute();
}
