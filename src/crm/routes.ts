import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { pageSchema } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import { createAccount } from './create-account.ts';
import { deleteAccount } from './delete-account.ts';
import { getAccount } from './get-account.ts';
import { listAccounts, listChildAccounts } from './list-accounts.ts';
import {
  accountSchema, createAccountSchema, listAccountsQuerySchema, listChildAccountsQuerySchema, updateAccountBodySchema,
} from './schema.ts';
import { updateAccount } from './update-account.ts';

// Sales reps and managers pass these gates but are further limited to their team's records (owner-scope.ts).
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager'];
const tags = ['crm'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const accountPageSchema = pageSchema(accountSchema);

function registerAccountReads(app: App): void {
  app.get(
    '/accounts',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List accounts (keyset pages)', querystring: listAccountsQuerySchema, response: { 200: accountPageSchema } } },
    async (request) => listAccounts(request.ctx, request.query),
  );
  app.get(
    '/accounts/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get an account; the ETag is its version', params: idParams, response: { 200: accountSchema } } },
    async (request, reply) => {
      const account = await getAccount(request.ctx, request.params.id);
      setEtag(reply, account.version);
      return account;
    },
  );
  app.get(
    '/accounts/:id/children',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List the direct child accounts', params: idParams, querystring: listChildAccountsQuerySchema, response: { 200: accountPageSchema } } },
    async (request) => listChildAccounts(request.ctx, { ...request.query, id: request.params.id }),
  );
}

function registerAccountWrites(app: App): void {
  app.post(
    '/accounts',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create an account (accepts Idempotency-Key)', body: createAccountSchema, response: { 201: accountSchema } } },
    async (request, reply) => {
      const account = await createAccount(request.ctx, request.body);
      setEtag(reply, account.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${account.id}`).send(account);
    },
  );
  app.patch(
    '/accounts/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update an account; needs If-Match or "version"', params: idParams, body: updateAccountBodySchema, response: { 200: accountSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const account = await updateAccount(request.ctx, { id: request.params.id, expectedVersion, changes });
      setEtag(reply, account.version);
      return account;
    },
  );
  app.delete(
    '/accounts/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete an account; needs If-Match', params: idParams, response: { 204: z.null().describe('Deleted') } } },
    async (request, reply) => {
      await deleteAccount(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

export const crmRoutes: RoutePlugin = (app) => {
  registerAccountReads(app);
  registerAccountWrites(app);
};
