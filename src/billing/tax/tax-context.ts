import type { Ctx } from '../../shared/context.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { EU_COUNTRIES, validEuVatId } from './vat-id.ts';

/** How one subscription's lines are taxed, resolved once per billing of it. */
export type TaxContext = {
  inclusive: boolean;
  reverseCharge: boolean;
  /** Printed on the invoice (reverse charge), null otherwise. */
  note: string | null;
  rateFor(itemKey: string): number;
};

export const NO_TAX: TaxContext = { inclusive: false, reverseCharge: false, note: null, rateFor: () => 0 };

/**
 * Seller country from the tax settings, customer country from the account (its own country when
 * missing: domestic), rate by (seller, customer, category of the item key, default 'standard').
 * EU reverse charge: seller and customer in different EU countries and the customer has a
 * format-valid VAT id of its country → no VAT, and the invoice says so (Art. 196 VAT Directive).
 */
export async function resolveTaxContext(ctx: Ctx, accountId: string): Promise<TaxContext> {
  const db = invoicingDb(ctx);
  const settings = await db.selectFrom('billing_tax_settings').selectAll().executeTakeFirst();
  if (!settings) return NO_TAX;
  const account = await db.selectFrom('accounts').select(['country', 'tax_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const customerCountry = account.country ?? settings.seller_country;
  const vatId = validEuVatId(account.tax_id, account.country);
  if (EU_COUNTRIES.has(settings.seller_country) && EU_COUNTRIES.has(customerCountry) && customerCountry !== settings.seller_country && vatId !== null) {
    const note = `Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC). Customer VAT ID ${vatId}.`;
    return { inclusive: settings.prices_include_tax, reverseCharge: true, note, rateFor: () => 0 };
  }
  const rates = await db.selectFrom('tax_rates').select(['tax_category', 'rate_bps'])
    .where('seller_country', '=', settings.seller_country).where('customer_country', '=', customerCountry).execute();
  const categories = await db.selectFrom('item_tax_categories').select(['item_key', 'tax_category']).execute();
  const rateByCategory = new Map(rates.map((rate) => [rate.tax_category, rate.rate_bps]));
  const categoryByItem = new Map(categories.map((row) => [row.item_key, row.tax_category]));
  return {
    inclusive: settings.prices_include_tax, reverseCharge: false, note: null,
    rateFor: (itemKey) => rateByCategory.get(categoryByItem.get(itemKey) ?? 'standard') ?? 0,
  };
}
