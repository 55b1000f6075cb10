import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../../http/route-plugins.ts';
import { cpqRoutes } from '../index.ts';

/**
 * createTestApp with the CPQ routes mounted. Until cpqRoutes is listed in
 * src/http/route-plugins.ts it is appended here (each test file has its own module graph, so this
 * touches no other file); once listed, nothing is added twice.
 */
export async function createCpqTestApp(options: { start?: string } = {}): Promise<TestApp> {
  if (!API_ROUTE_PLUGINS.includes(cpqRoutes)) API_ROUTE_PLUGINS.push(cpqRoutes);
  return createTestApp(options);
}

/** Asserts a problem+json answer and returns its body. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}
