import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../../http/route-plugins.ts';
import { importRoutes } from '../routes.ts';

/**
 * createTestApp with the import routes mounted. Until src/http/route-plugins.ts lists them they
 * are appended here (each test file has its own module graph); once listed, not twice.
 */
export async function createImportTestApp(): Promise<TestApp> {
  if (!API_ROUTE_PLUGINS.some((plugin) => plugin.name === 'importRoutePlugin')) API_ROUTE_PLUGINS.push(importRoutes);
  return createTestApp();
}
