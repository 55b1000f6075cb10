import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../../http/route-plugins.ts';
import { metricsRoutes } from '../index.ts';

/**
 * createTestApp with the metrics routes mounted. Until they are listed in src/http/route-plugins.ts
 * they are appended here (each test file has its own module graph, so no other file sees it);
 * once listed, nothing is added twice.
 */
export async function createMetricsTestApp(options: { start?: string } = {}): Promise<TestApp> {
  if (!API_ROUTE_PLUGINS.includes(metricsRoutes)) API_ROUTE_PLUGINS.push(metricsRoutes);
  return createTestApp(options);
}
