import { expect } from 'vitest';

export type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string };

/** Asserts an RFC 9457 problem with this status and code, and returns its body. */
export function expectProblem(response: Response, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}

export function fieldsOf(problem: Record<string, unknown>): string[] {
  return ((problem['errors'] ?? []) as Array<{ field: string }>).map((e) => e.field);
}
