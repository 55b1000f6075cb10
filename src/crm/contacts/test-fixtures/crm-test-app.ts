import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../../../http/route-plugins.ts';
import { activityRoutes } from '../../activities/index.ts';
import { campaignRoutes } from '../../campaigns/index.ts';
import { leadRoutes } from '../../leads/index.ts';
import { contactRoutes } from '../index.ts';

/**
 * createTestApp with the contact, lead, campaign and activity routes mounted. Until they are listed
 * in src/http/route-plugins.ts they are appended here (each test file has its own module graph, so
 * this touches no other file); once listed, nothing is added twice.
 */
export async function createCrmTestApp(): Promise<TestApp> {
  for (const plugin of [contactRoutes, campaignRoutes, leadRoutes, activityRoutes]) {
    if (!API_ROUTE_PLUGINS.includes(plugin)) API_ROUTE_PLUGINS.push(plugin);
  }
  return createTestApp();
}
