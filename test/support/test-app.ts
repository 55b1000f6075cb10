import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildServer } from '../../src/http/server.ts';
import { createApiKey } from '../../src/identity/index.ts';
import { ROLES, type Role } from '../../src/shared/access.ts';
import type { App } from '../../src/shared/http/route-types.ts';
import { createTestContext, type TestContext } from './test-context.ts';

export type TestApp = TestContext & {
  app: App;
  /** One API key per role, created by the system actor. */
  keys: Record<Role, string>;
  /** inject() as a role (API key) — or anonymously with role null. */
  request(role: Role | null, options: InjectOptions): Promise<LightMyRequestResponse>;
};

/** The real server over a test context's database and fake clock, logging only when TEST_LOG_LEVEL says so. */
export function buildTestServer(t: TestContext): Promise<App> {
  return buildServer({
    database: t.database,
    clock: t.clock,
    config: { bodyLimitBytes: 1_048_576, secureCookies: 'auto', publicUrl: undefined },
    logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
  });
}

export async function createTestApp(options: { start?: string } = {}): Promise<TestApp> {
  const t = await createTestContext(options);
  const app = await buildTestServer(t);
  await app.ready();
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) {
    keys[role] = (await createApiKey(t.ctx, { name: `test ${role}`, role })).secret;
  }
  return {
    ...t,
    app,
    keys,
    request: (role, injectOptions) =>
      app.inject({
        ...injectOptions,
        headers: { ...(role ? { authorization: `Bearer ${keys[role]}` } : {}), ...(injectOptions.headers ?? {}) },
      }),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
