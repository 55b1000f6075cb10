import { AppError, type FieldError } from '../shared/errors.ts';
import type { MoneyJson } from '../shared/money.ts';
import type { ProductType } from './product-schema.ts';
import type { BillingPeriod, PricingModel } from './pricing-types.ts';

type Terms = { pricingModel: PricingModel; billingPeriod: BillingPeriod; currency?: string | undefined; minPrice: MoneyJson | null };

/**
 * A price must suit its product and its book, so that a quote line can trust any version it
 * finds: one-time products are charged once, usage products by usage, subscriptions every
 * period; the currency is the book's (the foreign key says so too, as a 500).
 */
export function assertPriceFits(terms: Terms, productType: ProductType, bookCurrency: string): void {
  const errors: FieldError[] = [...productErrors(terms, productType)];
  if (terms.currency !== undefined && terms.currency !== bookCurrency) {
    errors.push({ field: 'body.currency', message: `the price book is in ${bookCurrency}` });
  }
  if (terms.minPrice !== null && terms.minPrice.currency !== bookCurrency) {
    errors.push({ field: 'body.minPrice.currency', message: `the price book is in ${bookCurrency}` });
  }
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
}

function productErrors(terms: Terms, productType: ProductType): FieldError[] {
  const oneTime = terms.billingPeriod === 'one_time';
  const usage = terms.pricingModel === 'usage';
  switch (productType) {
    case 'one_time':
      return oneTime ? [] : [{ field: 'body.billingPeriod', message: 'a one-time product has billingPeriod one_time' }];
    case 'subscription':
      return [
        ...(oneTime ? [{ field: 'body.billingPeriod', message: 'a subscription product bills every period' }] : []),
        ...(usage ? [{ field: 'body.pricingModel', message: 'usage pricing is for usage products' }] : []),
      ];
    case 'usage':
      return usage ? [] : [{ field: 'body.pricingModel', message: 'a usage product has pricingModel usage' }];
  }
}
