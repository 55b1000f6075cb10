import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Timestamp } from '../shared/db/tables.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { queryBoolean, text } from './field-schemas.ts';

export const PRODUCT_TYPES = ['subscription', 'one_time', 'usage'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

const sku = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$/, 'letters, digits and _ . : / -, at most 64 characters');
const slug = z.string().trim().regex(/^[a-z][a-z0-9_]{0,62}$/, 'snake_case, at most 63 characters');

/** revenueCategory left out is the product type (revenue recognition maps categories later). */
export const createProductSchema = z
  .object({
    sku,
    name: text(300),
    description: text(5000).nullable().default(null),
    family: text(100).nullable().default(null),
    type: z.enum(PRODUCT_TYPES),
    revenueCategory: slug.optional(),
    taxCategory: text(100).nullable().default(null),
    unitOfMeasure: text(50).default('unit'),
    active: z.boolean().default(true),
  })
  .strict();
export type CreateProductInput = z.input<typeof createProductSchema>;

/** PATCH: absent is unchanged, null clears. `type` is refused once the product has prices. */
export const updateProductSchema = z
  .object({
    sku,
    name: text(300),
    description: text(5000).nullable(),
    family: text(100).nullable(),
    type: z.enum(PRODUCT_TYPES),
    revenueCategory: slug,
    taxCategory: text(100).nullable(),
    unitOfMeasure: text(50),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateProductInput = z.input<typeof updateProductSchema>;
export const updateProductBodySchema = updateProductSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  family: z.string().nullable(),
  type: z.enum(PRODUCT_TYPES),
  revenueCategory: z.string(),
  taxCategory: z.string().nullable(),
  unitOfMeasure: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Product = z.infer<typeof productSchema>;
export type ProductFields = Omit<Product, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

// Compile-time guard: a field added to the product but not to the PATCH schema fails here.
type AssertTrue<T extends true> = T;
export type ProductPatchCoversEveryField = AssertTrue<Exclude<keyof ProductFields, keyof z.output<typeof updateProductSchema>> extends never ? true : false>;

/** Strict: a misspelt filter must fail, not list everything. Ordered by SKU. */
export const listProductsQuerySchema = pageQuerySchema
  .extend({ q: text(200).optional(), family: text(100).optional(), type: z.enum(PRODUCT_TYPES).optional(), active: queryBoolean.optional() })
  .strict();
export type ListProductsQuery = z.input<typeof listProductsQuerySchema>;

export type ProductsTable = {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  family: string | null;
  type: ProductType;
  revenue_category: string;
  tax_category: string | null;
  unit_of_measure: string;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type ProductRow = Selectable<ProductsTable>;
