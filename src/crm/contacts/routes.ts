import { pageSchema } from '../../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { createContact } from './create-contact.ts';
import { deleteContact } from './delete-contact.ts';
import { getContact } from './get-contact.ts';
import { listContacts } from './list-contacts.ts';
import { deletedResponse, idParams, READ_ROLES, sendCreated, tags, WRITE_ROLES } from './route-kit.ts';
import { contactSchema, createContactSchema, listContactsQuerySchema, updateContactBodySchema } from './schema.ts';
import { updateContact } from './update-contact.ts';

function registerContactReads(app: App): void {
  app.get(
    '/contacts',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List contacts (keyset pages)', querystring: listContactsQuerySchema, response: { 200: pageSchema(contactSchema) } } },
    async (request) => listContacts(request.ctx, request.query),
  );
  app.get(
    '/contacts/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a contact; the ETag is its version', params: idParams, response: { 200: contactSchema } } },
    async (request, reply) => {
      const contact = await getContact(request.ctx, request.params.id);
      setEtag(reply, contact.version);
      return contact;
    },
  );
}

function registerContactWrites(app: App): void {
  app.post(
    '/contacts',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a contact; 409 when a live contact has the e-mail (accepts Idempotency-Key)', body: createContactSchema, response: { 201: contactSchema } } },
    async (request, reply) => sendCreated(request, reply, await createContact(request.ctx, request.body)),
  );
  app.patch(
    '/contacts/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update a contact; needs If-Match or "version"', params: idParams, body: updateContactBodySchema, response: { 200: contactSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const contact = await updateContact(request.ctx, { id: request.params.id, expectedVersion, changes });
      setEtag(reply, contact.version);
      return contact;
    },
  );
  app.delete(
    '/contacts/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete a contact; needs If-Match', params: idParams, response: deletedResponse } },
    async (request, reply) => {
      await deleteContact(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

export const contactRoutes: RoutePlugin = (app) => {
  registerContactReads(app);
  registerContactWrites(app);
};
