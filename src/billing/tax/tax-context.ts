import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { outsideEuNote, reverseChargeNote } from './tax-note.ts';
import { EU_COUNTRIES, validEuVatId } from './vat-id.ts';

/** How one subscription's lines are taxed, resolved once per billing of it. */
export type TaxContext = {
  inclusive: boolean;
  reverseCharge: boolean;
  /** Printed on the invoice (reverse charge, outside the EU: tax-note.ts), null otherwise. */
  note: string | null;
  rateFor(itemKey: string): number;
};

export const NO_TAX: TaxContext = { inclusive: false, reverseCharge: false, note: null, rateFor: () => 0 };

/**
 * Seller country from the tax settings, customer country from the account (its own country when
 * missing: domestic), rate by (seller, customer, category of the item key, default 'standard').
 * EU reverse charge: seller and customer in different EU countries and the customer has a
 * format-valid VAT id of its country → no VAT, and the invoice says so (Art. 196 VAT Directive).
 * An EU seller's customer outside the EU with no rate configured for its country → no VAT, and the
 * invoice says the supply is outside the EU.
 */
export async function resolveTaxContext(ctx: Ctx, accountId: string): Promise<TaxContext> {
  const found = await readTaxFacts(ctx, accountId);
  if (!found) return NO_TAX;
  const { settings, account, rates, categories } = found;
  const customerCountry = account.country ?? settings.seller_country;
  const vatId = validEuVatId(account.tax_id, account.country);
  if (EU_COUNTRIES.has(settings.seller_country) && EU_COUNTRIES.has(customerCountry) && customerCountry !== settings.seller_country && vatId !== null) {
    return { inclusive: settings.prices_include_tax, reverseCharge: true, note: reverseChargeNote(vatId), rateFor: () => 0 };
  }
  // An EU seller's customer outside the EU: the place of supply is the customer's country (B2B and,
  // for electronic services, B2C alike), so no EU VAT. A rate set for that country (the seller
  // registered there, e.g. Swiss VAT) is charged as configured; without one the invoice says why it has none.
  if (EU_COUNTRIES.has(settings.seller_country) && !EU_COUNTRIES.has(customerCountry) && rates.length === 0) {
    return { inclusive: settings.prices_include_tax, reverseCharge: false, note: outsideEuNote(), rateFor: () => 0 };
  }
  const rateByCategory = new Map(rates.map(([category, rateBps]) => [category, rateBps]));
  const categoryByItem = new Map(categories.map(([itemKey, category]) => [itemKey, category]));
  return {
    inclusive: settings.prices_include_tax, reverseCharge: false, note: null,
    rateFor: (itemKey) => rateByCategory.get(categoryByItem.get(itemKey) ?? 'standard') ?? 0,
  };
}

type TaxFacts = {
  settings: { seller_country: string; prices_include_tax: boolean };
  account: { country: string | null; tax_id: string | null };
  /** [tax_category, rate_bps] of the seller's and this customer's countries. */
  rates: Array<[string, number]>;
  /** [item_key, tax_category]. */
  categories: Array<[string, string]>;
};

/**
 * The settings (one row), the account's country and VAT id, the rates between the two countries and
 * the items' categories in one statement (it was four per billed account); nothing without settings.
 */
async function readTaxFacts(ctx: Ctx, accountId: string): Promise<TaxFacts | undefined> {
  const { rows } = await sql<TaxFacts['settings'] & TaxFacts['account'] & { account_found: boolean; rates: TaxFacts['rates']; categories: TaxFacts['categories'] }>`
    select s.seller_country, s.prices_include_tax, a.country, a.tax_id, a.id is not null as account_found,
      coalesce((select json_agg(json_build_array(r.tax_category, r.rate_bps) order by r.id) from tax_rates r
        where r.seller_country = s.seller_country and r.customer_country = coalesce(a.country, s.seller_country)), '[]') as rates,
      coalesce((select json_agg(json_build_array(c.item_key, c.tax_category) order by c.item_key) from item_tax_categories c), '[]') as categories
    from billing_tax_settings s left join accounts a on a.id = ${accountId}`.execute(ctx.db);
  const row = rows[0];
  if (!row) return undefined;
  // Guard: a billed subscription's account exists (foreign key); a missing one is a broken caller.
  assert(row.account_found, `tax context: account ${accountId} not found`);
  return {
    settings: { seller_country: row.seller_country, prices_include_tax: row.prices_include_tax },
    account: { country: row.country, tax_id: row.tax_id },
    rates: row.rates,
    categories: row.categories,
  };
}
