import type { TxCtx } from '../shared/context.ts';
import { lockCatalogKey, nowOf } from './catalog-db.ts';
import { findOtherDefaultRow, updatePriceBookRow } from './price-book-repo.ts';
import type { Channel } from './price-book-schema.ts';

/**
 * Making a book the default for (currency, channel) takes the flag from the previous default,
 * in the same transaction and audited, so there is never zero or two defaults in between.
 * The lock orders concurrent default changes; the partial unique index is the backstop.
 */
export async function takeDefaultFrom(tx: TxCtx, currency: string, channel: Channel, newDefaultId: string): Promise<void> {
  await lockCatalogKey(tx, 'price_books.default');
  const previous = await findOtherDefaultRow(tx, currency, channel, newDefaultId);
  if (previous) await updatePriceBookRow(tx, previous, { is_default: false, updated_at: nowOf(tx) }, 'update');
}
