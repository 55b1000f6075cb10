// Products
export { createProduct } from './create-product.ts';
export { getProduct, findProduct } from './get-product.ts';
export { findProducts, findPrices } from './find-many.ts';
export { updateProduct, type UpdateProductRequest } from './update-product.ts';
export { deleteProduct } from './delete-product.ts';
export { listProducts, type ProductPage } from './list-products.ts';
// Price books
export { createPriceBook } from './create-price-book.ts';
export { getPriceBook, findPriceBook, listPriceBooks, type PriceBookPage } from './get-price-book.ts';
export { updatePriceBook, type UpdatePriceBookRequest } from './update-price-book.ts';
export { deletePriceBook } from './delete-price-book.ts';
// Prices (immutable versions)
export { setPrice } from './set-price.ts';
export { getPrice, findPrice, findActivePrice, listPriceVersions, type FindActivePriceRequest } from './find-price.ts';
export { listPriceBook, type PriceBookListing } from './list-price-book.ts';
// Bundles
export { listBundleItems, addBundleItem, removeBundleItem } from './bundle-items.ts';
// Pricing engine (pure) and its JSON
export { priceLine, splitIntoPeriods } from './price-line.ts';
export { checkPriceFloor, type FloorViolation } from './price-floor.ts';
export { PricingError, type PricingErrorCode, type PricingField } from './pricing-error.ts';
export { pricedLineToJson, floorViolationToJson, pricedLineSchema, floorViolationSchema, type PricedLineJson, type FloorViolationJson } from './priced-line-json.ts';
export { previewPricing, type PreviewPricingInput, type PricingPreview } from './preview-pricing.ts';
// Routes, vocabularies, types
export { catalogRoutes } from './routes.ts';
export { PRICING_MODELS, BILLING_PERIODS, BILLING_TIMINGS } from './pricing-types.ts';
export { PRODUCT_TYPES } from './product-schema.ts';
export { CHANNELS } from './price-book-schema.ts';
export { BUNDLE_PRICINGS } from './bundle-schema.ts';
export type {
  PricingModel, BillingPeriod, BillingTiming, PriceTier, PriceTerms, FloorTerms, DiscountInput, PriceLineInput, PricedLine, TierCharge, ChargeKind,
} from './pricing-types.ts';
export type { Product, ProductType, CreateProductInput, UpdateProductInput, ListProductsQuery } from './product-schema.ts';
export type { PriceBook, Channel, CreatePriceBookInput, UpdatePriceBookInput, ListPriceBooksQuery } from './price-book-schema.ts';
export type { Price, SetPriceInput, ListPriceBookQuery } from './price-schema.ts';
export type { BundleItem, BundlePricing, AddBundleItemInput } from './bundle-schema.ts';
export type { CatalogTables } from './tables.ts';
export { parseTiers, graduatedCharges, volumeCharge, sumCharges } from './tier-charges.ts';
