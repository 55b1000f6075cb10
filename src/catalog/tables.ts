import type { BundleItemsTable } from './bundle-schema.ts';
import type { PriceBooksTable } from './price-book-schema.ts';
import type { PricesTable } from './price-schema.ts';
import type { ProductsTable } from './product-schema.ts';

/** The catalog's tables, added to the shared ones with db.withTables<CatalogTables>(). */
export type CatalogTables = {
  products: ProductsTable;
  price_books: PriceBooksTable;
  prices: PricesTable;
  bundle_items: BundleItemsTable;
};
