import { createTestContext } from '../../../test/support/test-context.ts';
import { buildTestServer, type TestApp } from '../../../test/support/test-app.ts';
import { createApiKey } from '../../identity/index.ts';
import { ROLES, type Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { billingRoutes } from '../routes.ts';

/**
 * test/support/test-app.ts with billing's routes mounted under /api/v1, until
 * src/http/route-plugins.ts lists them — then they are already there and are not mounted twice.
 * buildServer awaits every registration, so its route catalog is complete when it returns, and
 * fastify accepts more routes until ready().
 */
export async function createBillingTestApp(options: { start?: string } = {}): Promise<TestApp> {
  const t = await createTestContext(options);
  const app = await buildTestServer(t);
  if (!app.routeCatalog.some((route) => route.url === '/api/v1/subscriptions')) {
    await app.register(async (api) => billingRoutes(api as App), { prefix: '/api/v1' });
  }
  await app.ready();
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await createApiKey(t.ctx, { name: `test ${role}`, role })).secret;
  return {
    ...t,
    app,
    keys,
    request: (role, injectOptions) =>
      app.inject({ ...injectOptions, headers: { ...(role ? { authorization: `Bearer ${keys[role]}` } : {}), ...(injectOptions.headers ?? {}) } }),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
