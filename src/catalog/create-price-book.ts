import { inTransaction, type Ctx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { nowOf } from './catalog-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { assertDefaultIsActive } from './price-book-rules.ts';
import { takeDefaultFrom } from './price-book-defaults.ts';
import { insertPriceBook, toPriceBook, toPriceBookColumns } from './price-book-repo.ts';
import { createPriceBookSchema, type CreatePriceBookInput, type PriceBook } from './price-book-schema.ts';

export async function createPriceBook(ctx: Ctx, input: CreatePriceBookInput): Promise<PriceBook> {
  const fields = parseInput(createPriceBookSchema, input);
  assertDefaultIsActive(fields);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const id = newId('pbk');
    if (fields.isDefault) await takeDefaultFrom(tx, fields.currency, fields.channel, id);
    return toPriceBook(tx, await insertPriceBook(tx, { id, ...toPriceBookColumns(fields), created_at: now, updated_at: now }));
  });
}
