import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import {
  findTaxSettings, itemTaxCategorySchema, listTaxRates, setItemTaxCategory, setTaxRate, setTaxSettings, taxRateSchema, taxSettingsSchema,
} from './tax-settings.ts';

const ADMIN_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['billing'];
const rateJson = z.object({ sellerCountry: z.string(), customerCountry: z.string(), taxCategory: z.string(), rateBps: z.number().int(), name: z.string() });

/** Tax settings API (docs/billing.md "Taxes"); registered by the billing engine's route plugin. */
export function registerTaxRoutes(app: App): void {
  app.put(
    '/billing/tax-settings',
    { config: { access: ADMIN_ROLES }, schema: { tags, summary: 'Set the seller country and whether prices include tax', body: taxSettingsSchema, response: { 200: z.object({ sellerCountry: z.string(), pricesIncludeTax: z.boolean() }) } } },
    async (request) => setTaxSettings(request.ctx, request.body),
  );
  app.get(
    '/billing/tax-settings',
    { config: { access: ADMIN_ROLES }, schema: { tags, summary: 'The stored tax settings (sellerCountry null until set)', response: { 200: z.object({ sellerCountry: z.string().nullable(), pricesIncludeTax: z.boolean() }) } } },
    async (request) => findTaxSettings(request.ctx),
  );
  app.get(
    '/billing/tax-rates',
    { config: { access: ADMIN_ROLES }, schema: { tags, summary: 'List tax rates', response: { 200: z.object({ data: z.array(rateJson) }) } } },
    async (request) => ({ data: await listTaxRates(request.ctx) }),
  );
  app.put(
    '/billing/tax-rates',
    { config: { access: ADMIN_ROLES }, schema: { tags, summary: 'Create or replace the rate of (seller country, customer country, category)', body: taxRateSchema, response: { 200: rateJson } } },
    async (request) => setTaxRate(request.ctx, request.body),
  );
  app.put(
    '/billing/tax-categories',
    { config: { access: ADMIN_ROLES }, schema: { tags, summary: 'Set the tax category of a subscription item key', body: itemTaxCategorySchema, response: { 200: itemTaxCategorySchema } } },
    async (request) => setItemTaxCategory(request.ctx, request.body),
  );
}
