import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { getPrice } from './find-price.ts';
import { previewPricing, previewPricingSchema, pricingPreviewSchema } from './preview-pricing.ts';
import { priceSchema } from './price-schema.ts';
import { idParams, READ_ROLES, tags } from './route-kit.ts';
import { registerBookPriceRoutes, registerPriceBookRoutes } from './routes-price-books.ts';
import { registerBundleRoutes, registerProductRoutes } from './routes-products.ts';

function registerPricingRoutes(app: App): void {
  app.get(
    '/prices/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get one price version (superseded ones too)', params: idParams, response: { 200: priceSchema } } },
    async (request) => getPrice(request.ctx, request.params.id),
  );
  app.post(
    '/pricing/preview',
    {
      // A read that needs a body: nothing is written, so there is nothing to make idempotent.
      config: { access: READ_ROLES, idempotent: false },
      schema: { tags, summary: 'Price one line against a price version, with floor violations', body: previewPricingSchema, response: { 200: pricingPreviewSchema } },
    },
    async (request) => previewPricing(request.ctx, request.body),
  );
}

export const catalogRoutes: RoutePlugin = (app) => {
  registerProductRoutes(app);
  registerBundleRoutes(app);
  registerPriceBookRoutes(app);
  registerBookPriceRoutes(app);
  registerPricingRoutes(app);
};
