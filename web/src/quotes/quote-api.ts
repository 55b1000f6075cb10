import { apiRequest } from '../lib/api.ts';
import type { Page } from '../lib/use-paged-list.ts';
import type { PickerOption } from './search-picker.tsx';
import type { Opportunity, Price, PriceBook, Product } from './types.ts';

/** Open opportunities matching a text (the picker's search), optionally of one account. */
export async function searchOpportunities(text: string, accountId: string | null): Promise<PickerOption[]> {
  const query = new URLSearchParams({ limit: '10', status: 'open', sort: 'name' });
  if (text !== '') query.set('q', text);
  if (accountId) query.set('accountId', accountId);
  const page = await apiRequest<Page<Opportunity>>('GET', `/opportunities?${query.toString()}`);
  return page.data.map((o) => ({ id: o.id, label: o.name, detail: o.stage }));
}

export async function listActiveBooks(): Promise<PriceBook[]> {
  return (await apiRequest<Page<PriceBook>>('GET', '/price-books?active=true&limit=200')).data.filter((book) => !book.expired);
}

/** The price versions in effect in a book, by product id (up to 500: a quote's book, not the catalog). */
export async function bookPrices(priceBookId: string): Promise<Map<string, Price>> {
  const listing = await apiRequest<{ data: Price[] }>('GET', `/price-books/${encodeURIComponent(priceBookId)}/prices?limit=500`);
  return new Map(listing.data.map((price) => [price.productId, price]));
}

/** Active products matching a text that have a price in the book. */
export async function searchBookProducts(text: string, prices: Map<string, Price>): Promise<(PickerOption & { product: Product })[]> {
  const query = new URLSearchParams({ limit: '50', active: 'true' });
  if (text !== '') query.set('q', text);
  const page = await apiRequest<Page<Product>>('GET', `/products?${query.toString()}`);
  return page.data
    .filter((product) => prices.has(product.id))
    .slice(0, 12)
    .map((product) => ({ id: product.id, label: `${product.name} (${product.sku})`, detail: prices.get(product.id)?.billingPeriod ?? '', product }));
}

