import { inTransaction, type Ctx } from '../shared/context.ts';
import { nowOf, versionConflict } from './catalog-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { takeDefaultFrom } from './price-book-defaults.ts';
import { getPriceBookRow, toPriceBook, toPriceBookColumns, updatePriceBookRow } from './price-book-repo.ts';
import { assertDefaultIsActive, assertValidityOrder } from './price-book-rules.ts';
import { updatePriceBookSchema, type PriceBook, type PriceBookFields, type PriceBookRow, type UpdatePriceBookInput } from './price-book-schema.ts';
import { changedValues, definedOnly } from './record-changes.ts';

export type UpdatePriceBookRequest = { id: string; expectedVersion: number; changes: UpdatePriceBookInput };

/** Partial update on `expectedVersion`; the rules are checked on the merged record, not only the patch. */
export async function updatePriceBook(ctx: Ctx, request: UpdatePriceBookRequest): Promise<PriceBook> {
  const changes = parseInput(updatePriceBookSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await getPriceBookRow(tx, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict('Price book', before.id, before.version, request.expectedVersion);
    const fields: PriceBookFields = { ...fieldsOf(tx, before), ...definedOnly(changes) };
    const changed = changedValues(toPriceBookColumns(fieldsOf(tx, before)), toPriceBookColumns(fields));
    if (Object.keys(changed).length === 0) return toPriceBook(tx, before);
    assertDefaultIsActive(fields);
    assertValidityOrder(fields);
    if (fields.isDefault && (changed.is_default !== undefined || changed.channel !== undefined)) {
      await takeDefaultFrom(tx, fields.currency, fields.channel, before.id);
    }
    return toPriceBook(tx, await updatePriceBookRow(tx, before, { ...changed, updated_at: nowOf(tx) }, 'update'));
  });
}

function fieldsOf(ctx: Ctx, row: PriceBookRow): PriceBookFields {
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, expired: _e, ...fields } = toPriceBook(ctx, row);
  return fields;
}
