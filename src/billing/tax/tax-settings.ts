import { z } from 'zod';
import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { nowOf } from '../billing-db.ts';
import { invoicingDb } from '../invoicing/tables.ts';

const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, e.g. DE');
const category = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'snake_case, e.g. standard, reduced, digital_services');

export const taxSettingsSchema = z.strictObject({ sellerCountry: country, pricesIncludeTax: z.boolean() });
export const taxRateSchema = z.strictObject({
  sellerCountry: country, customerCountry: country, taxCategory: category.default('standard'),
  rateBps: z.int().min(0).max(10_000).describe('2000 = 20%'), name: z.string().trim().min(1).max(100),
});
export const itemTaxCategorySchema = z.strictObject({ itemKey: z.string().min(1).max(100), taxCategory: category });

export type TaxSettingsInput = z.input<typeof taxSettingsSchema>;
export type TaxRateInput = z.input<typeof taxRateSchema>;
export type ItemTaxCategoryInput = z.input<typeof itemTaxCategorySchema>;

/** The seller's country and whether prices include tax (one row; audited). */
export async function setTaxSettings(ctx: Ctx, input: TaxSettingsInput) {
  const parsed = parseInput(taxSettingsSchema, input);
  return inTransaction(ctx, async (tx) => {
    const db = invoicingDb(tx);
    const before = await db.selectFrom('billing_tax_settings').selectAll().forUpdate().executeTakeFirst();
    const values = { seller_country: parsed.sellerCountry, prices_include_tax: parsed.pricesIncludeTax, updated_at: nowOf(tx) };
    await db.insertInto('billing_tax_settings').values({ id: true, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await recordAudit(tx, { action: before ? 'update' : 'create', entityType: 'tax_settings', entityId: 'default', before: before ?? null, after: parsed });
    return parsed;
  });
}

/** The stored seller country and tax-inclusive flag; before the first PUT, no seller country and tax-exclusive prices. */
export async function findTaxSettings(ctx: Ctx): Promise<{ sellerCountry: string | null; pricesIncludeTax: boolean }> {
  const row = await invoicingDb(ctx).selectFrom('billing_tax_settings').select(['seller_country', 'prices_include_tax']).executeTakeFirst();
  return { sellerCountry: row?.seller_country ?? null, pricesIncludeTax: row?.prices_include_tax ?? false };
}

/** Creates or replaces the rate of (seller country, customer country, category); audited. */
export async function setTaxRate(ctx: Ctx, input: TaxRateInput) {
  const parsed = parseInput(taxRateSchema, input);
  return inTransaction(ctx, async (tx) => {
    const db = invoicingDb(tx);
    const now = nowOf(tx);
    const key = { seller_country: parsed.sellerCountry, customer_country: parsed.customerCountry, tax_category: parsed.taxCategory };
    const before = await db.selectFrom('tax_rates').select(['rate_bps', 'name']).where('seller_country', '=', key.seller_country)
      .where('customer_country', '=', key.customer_country).where('tax_category', '=', key.tax_category).forUpdate().executeTakeFirst();
    await db.insertInto('tax_rates').values({ ...key, rate_bps: parsed.rateBps, name: parsed.name, created_at: now, updated_at: now })
      .onConflict((oc) => oc.constraint('tax_rates_key').doUpdateSet({ rate_bps: parsed.rateBps, name: parsed.name, updated_at: now })).execute();
    const entityId = `${key.seller_country}:${key.customer_country}:${key.tax_category}`;
    await recordAudit(tx, { action: before ? 'update' : 'create', entityType: 'tax_rate', entityId, before: before ?? null, after: parsed });
    return parsed;
  });
}

export async function setItemTaxCategory(ctx: Ctx, input: ItemTaxCategoryInput) {
  const parsed = parseInput(itemTaxCategorySchema, input);
  return inTransaction(ctx, async (tx) => {
    const now = nowOf(tx);
    await invoicingDb(tx).insertInto('item_tax_categories').values({ item_key: parsed.itemKey, tax_category: parsed.taxCategory, updated_at: now })
      .onConflict((oc) => oc.column('item_key').doUpdateSet({ tax_category: parsed.taxCategory, updated_at: now })).execute();
    await recordAudit(tx, { action: 'update', entityType: 'item_tax_category', entityId: parsed.itemKey, before: null, after: parsed });
    return parsed;
  });
}

export async function listTaxRates(ctx: Ctx) {
  const rows = await invoicingDb(ctx).selectFrom('tax_rates').selectAll().orderBy('seller_country').orderBy('customer_country').orderBy('tax_category').execute();
  return rows.map((row) => ({ sellerCountry: row.seller_country, customerCountry: row.customer_country, taxCategory: row.tax_category, rateBps: row.rate_bps, name: row.name }));
}
