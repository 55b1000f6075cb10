import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../../../http/route-plugins.ts';
import { customFieldRoutes } from '../../custom-fields/index.ts';
import { pipelineRoutes } from '../../pipeline/index.ts';
import { ticketRoutes } from '../../tickets/index.ts';
import { usageRoutes } from '../../usage/index.ts';
import { opportunityRoutes } from '../index.ts';

/** The route plugins of pipeline, custom fields, opportunities, tickets and usage. */
export const REVENUE_ROUTE_PLUGINS = [pipelineRoutes, customFieldRoutes, opportunityRoutes, ticketRoutes, usageRoutes];

/**
 * createTestApp with these routes mounted. Until they are listed in src/http/route-plugins.ts they
 * are appended here (each test file has its own module graph, so no other file sees it); once
 * listed, nothing is added twice.
 */
export async function createRevenueTestApp(): Promise<TestApp> {
  for (const plugin of REVENUE_ROUTE_PLUGINS) {
    if (!API_ROUTE_PLUGINS.includes(plugin)) API_ROUTE_PLUGINS.push(plugin);
  }
  return createTestApp();
}

/** Asserts a problem+json answer and returns its body. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}

export function fieldsOf(problem: Record<string, unknown>): string[] {
  return ((problem['errors'] ?? []) as Array<{ field: string }>).map((e) => e.field);
}
