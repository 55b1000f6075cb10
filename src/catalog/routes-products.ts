import { z } from 'zod';
import { pageSchema } from '../shared/http/pagination.ts';
import type { App } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import { addBundleItem, listBundleItems, removeBundleItem } from './bundle-items.ts';
import { addBundleItemBodySchema, bundleItemSchema } from './bundle-schema.ts';
import { createProduct } from './create-product.ts';
import { deleteProduct } from './delete-product.ts';
import { getProduct } from './get-product.ts';
import { listProducts } from './list-products.ts';
import { createProductSchema, listProductsQuerySchema, productSchema, updateProductBodySchema } from './product-schema.ts';
import { deletedResponse, idParams, READ_ROLES, sendCreated, tags, WRITE_ROLES } from './route-kit.ts';
import { updateProduct } from './update-product.ts';

export function registerProductRoutes(app: App): void {
  app.get(
    '/products',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List products by SKU (filters: q, family, type, active)', querystring: listProductsQuerySchema, response: { 200: pageSchema(productSchema) } } },
    async (request) => listProducts(request.ctx, request.query),
  );
  app.get(
    '/products/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a product; the ETag is its version', params: idParams, response: { 200: productSchema } } },
    async (request, reply) => {
      const product = await getProduct(request.ctx, request.params.id);
      setEtag(reply, product.version);
      return product;
    },
  );
  app.post(
    '/products',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a product (accepts Idempotency-Key)', body: createProductSchema, response: { 201: productSchema } } },
    async (request, reply) => sendCreated(request, reply, await createProduct(request.ctx, request.body)),
  );
  app.patch(
    '/products/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update a product; needs If-Match or "version"', params: idParams, body: updateProductBodySchema, response: { 200: productSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const product = await updateProduct(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, product.version);
      return product;
    },
  );
  app.delete(
    '/products/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete a product; needs If-Match', params: idParams, response: deletedResponse } },
    async (request, reply) => {
      await deleteProduct(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

const itemParams = z.object({ id: z.string().min(1).max(100), itemId: z.string().min(1).max(100) });

export function registerBundleRoutes(app: App): void {
  app.get(
    '/products/:id/bundle-items',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List the products a bundle includes', params: idParams, response: { 200: z.object({ data: z.array(bundleItemSchema) }) } } },
    async (request) => ({ data: await listBundleItems(request.ctx, request.params.id) }),
  );
  app.post(
    '/products/:id/bundle-items',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Include a product in this bundle (one level deep)', params: idParams, body: addBundleItemBodySchema, response: { 201: bundleItemSchema } } },
    async (request, reply) => sendCreated(request, reply, await addBundleItem(request.ctx, { ...request.body, bundleProductId: request.params.id })),
  );
  app.delete(
    '/products/:id/bundle-items/:itemId',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Remove a product from this bundle', params: itemParams, response: deletedResponse } },
    async (request, reply) => {
      await removeBundleItem(request.ctx, { bundleProductId: request.params.id, id: request.params.itemId });
      return reply.status(204).send(null);
    },
  );
}
