import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../../http/route-plugins.ts';
import { catalogRoutes } from '../index.ts';

/**
 * createTestApp with the catalog routes mounted. Until catalogRoutes is listed in
 * src/http/route-plugins.ts it is appended here (each test file has its own module graph, so
 * this touches no other file); once listed, nothing is added twice.
 */
export async function createCatalogTestApp(options: { start?: string } = {}): Promise<TestApp> {
  if (!API_ROUTE_PLUGINS.includes(catalogRoutes)) API_ROUTE_PLUGINS.push(catalogRoutes);
  return createTestApp(options);
}
