import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Timestamp } from '../shared/db/tables.ts';
import { recordId } from './field-schemas.ts';

/** free: paid for by the bundle's own price; priced: at its own price in the quote's price book. */
export const BUNDLE_PRICINGS = ['free', 'priced'] as const;
export type BundlePricing = (typeof BUNDLE_PRICINGS)[number];

export const addBundleItemBodySchema = z
  .object({
    includedProductId: recordId,
    quantity: z.number().int().positive().max(1_000_000).default(1),
    pricing: z.enum(BUNDLE_PRICINGS).default('free'),
  })
  .strict();
export const addBundleItemSchema = addBundleItemBodySchema.extend({ bundleProductId: recordId }).strict();
export type AddBundleItemInput = z.input<typeof addBundleItemSchema>;

export const bundleItemSchema = z.object({
  id: z.string(),
  bundleProductId: z.string(),
  includedProductId: z.string(),
  quantity: z.number().int(),
  pricing: z.enum(BUNDLE_PRICINGS),
  createdAt: z.string(),
});
export type BundleItem = z.infer<typeof bundleItemSchema>;

export type BundleItemsTable = {
  id: string;
  bundle_product_id: string;
  included_product_id: string;
  quantity: number;
  pricing: BundlePricing;
  created_at: Timestamp;
};
export type BundleItemRow = Selectable<BundleItemsTable>;
