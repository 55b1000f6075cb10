import { z } from 'zod';
import { pageSchema } from '../shared/http/pagination.ts';
import type { App } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import { createPriceBook } from './create-price-book.ts';
import { deletePriceBook } from './delete-price-book.ts';
import { getPriceBook, listPriceBooks } from './get-price-book.ts';
import { listPriceBook } from './list-price-book.ts';
import { createPriceBookSchema, listPriceBooksQuerySchema, priceBookSchema, updatePriceBookBodySchema } from './price-book-schema.ts';
import { listPriceBookQuerySchema, priceSchema, setPriceBodySchema } from './price-schema.ts';
import { deletedResponse, idParams, READ_ROLES, sendCreated, tags, WRITE_ROLES } from './route-kit.ts';
import { setPrice } from './set-price.ts';
import { updatePriceBook } from './update-price-book.ts';

export function registerPriceBookRoutes(app: App): void {
  app.get(
    '/price-books',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List price books by name (filters: currency, channel, active)', querystring: listPriceBooksQuerySchema, response: { 200: pageSchema(priceBookSchema) } } },
    async (request) => listPriceBooks(request.ctx, request.query),
  );
  app.get(
    '/price-books/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a price book; the ETag is its version', params: idParams, response: { 200: priceBookSchema } } },
    async (request, reply) => {
      const book = await getPriceBook(request.ctx, request.params.id);
      setEtag(reply, book.version);
      return book;
    },
  );
  app.post(
    '/price-books',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a price book (accepts Idempotency-Key)', body: createPriceBookSchema, response: { 201: priceBookSchema } } },
    async (request, reply) => sendCreated(request, reply, await createPriceBook(request.ctx, request.body)),
  );
  app.patch(
    '/price-books/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update a price book (not its currency); needs If-Match or "version"', params: idParams, body: updatePriceBookBodySchema, response: { 200: priceBookSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const book = await updatePriceBook(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, book.version);
      return book;
    },
  );
  app.delete(
    '/price-books/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete a price book; needs If-Match', params: idParams, response: deletedResponse } },
    async (request, reply) => {
      await deletePriceBook(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

const listingSchema = z.object({ priceBook: priceBookSchema, data: z.array(priceSchema), nextCursor: z.string().nullable() });

export function registerBookPriceRoutes(app: App): void {
  app.get(
    '/price-books/:id/prices',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'The price versions in effect (now or ?at=) in a book', params: idParams, querystring: listPriceBookQuerySchema, response: { 200: listingSchema } } },
    async (request) => listPriceBook(request.ctx, { ...request.query, id: request.params.id }),
  );
  app.post(
    '/price-books/:id/prices',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set a price: a new immutable version, superseding the current one', params: idParams, body: setPriceBodySchema, response: { 201: priceSchema } } },
    async (request, reply) => {
      const price = await setPrice(request.ctx, { ...request.body, priceBookId: request.params.id });
      return sendCreated(request, reply, price, `${request.url.split('/price-books/')[0]}/prices`);
    },
  );
}
