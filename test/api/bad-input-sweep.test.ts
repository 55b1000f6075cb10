import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorParamsSchema } from '../../src/shared/http/problem-schema.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { badCasesFor, listOperations, zodWordsIn, type BadCase, type Operation } from './bad-input-cases.ts';
import { recordsForPath, seedSweepRecords } from './sweep-records.ts';

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

/**
 * Whether a problem's field points at the broken one: the field itself, a part of it, the object
 * holding it, or a sibling (a union's discriminator or a rule across two fields names the other).
 */
function namesField(named: string, broken: string): boolean {
  const parent = broken.slice(0, broken.lastIndexOf('.'));
  return named === broken || named.startsWith(`${broken}.`) || broken.startsWith(`${named}.`) || named.slice(0, named.lastIndexOf('.')) === parent;
}

const PARAM_KEYS = new Set(Object.keys(fieldErrorParamsSchema.shape));
const PARAM_NEEDS: Record<string, string> = { too_big: 'maximum', too_small: 'minimum', invalid_format: 'format', invalid_value: 'values', not_multiple_of: 'divisor', invalid_type: 'expected' };

/** What is wrong with a field error's params (docs/architecture.md "Errors"), or null: documented keys, JSON scalars, no pattern. */
let paramsSeen = 0;
function paramsWrong(code: unknown, params: unknown): string | null {
  if (params === undefined) return null;
  paramsSeen += 1;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return `params ${JSON.stringify(params)}`;
  const unknownKeys = Object.keys(params).filter((key) => !PARAM_KEYS.has(key));
  if (unknownKeys.length > 0) return `params with undocumented ${unknownKeys.join(', ')}`;
  const scalars = Object.values(params).flatMap((value: unknown) => (Array.isArray(value) ? value : [value]));
  if (scalars.some((value) => value !== null && !['string', 'number', 'boolean'].includes(typeof value))) return `params not of JSON scalars: ${JSON.stringify(params)}`;
  if (scalars.some((value) => typeof value === 'string' && /^\/.*\/[a-z]*$|\\d|\(\?:/.test(value))) return `params with a regular expression: ${JSON.stringify(params)}`;
  const needed = PARAM_NEEDS[String(code)];
  if (needed === undefined || !(needed in params)) return `params without ${needed ?? 'a code that has params'}: ${String(code)} ${JSON.stringify(params)}`;
  return null;
}

/**
 * Whether the field's own errors include one with the expected code and params, for a client to word
 * it; else what they carry. Nothing to judge when the problem names only another field (namesField).
 */
let codesChecked = 0;
function codeWrong(expected: NonNullable<BadCase['expected']>, own: { code?: unknown; params?: unknown }[]): string | null {
  if (own.length === 0) return null;
  codesChecked += 1;
  const params = (error: { params?: unknown }) => (error.params ?? {}) as Record<string, unknown>;
  const matches = (actual: unknown, wanted: unknown) => (Array.isArray(wanted) ? wanted.includes(actual) : actual === wanted);
  const fits = own.some((error) => error.code === expected.code && Object.entries(expected.params).every(([key, value]) => matches(params(error)[key], value)));
  return fits ? null : `not ${expected.code} ${JSON.stringify(expected.params)} but ${JSON.stringify(own.map((e) => ({ code: e.code, params: e.params })))}`;
}

/** What is wrong with one answer to one bad request, or null when it is a proper refusal. */
function judge(op: Operation, c: BadCase, answer: Answer): string | null {
  const status = answer.statusCode;
  if (status >= 500) return `${status}`;
  if (status < 400) return c.mustRefuse ? `accepted with ${status}` : null;
  if (!String(answer.headers['content-type']).startsWith('application/problem+json')) return `${status} as ${String(answer.headers['content-type'])}`;
  const problem = JSON.parse(answer.body) as { type?: unknown; title?: unknown; status?: unknown; code?: unknown; detail?: unknown; errors?: { field?: unknown; message?: unknown; code?: unknown; params?: unknown }[] };
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== status) return `${status} problem without type/title/status`;
  // Every message a user reads is in plain words: zod's raw wording in any of them fails.
  for (const [where, message] of [['detail', problem.detail], ...(problem.errors ?? []).map((e) => [String(e.field), e.message])] as const) {
    const raw = typeof message === 'string' ? zodWordsIn(message) : null;
    if (raw) return `${status} in zod's words ("${raw}"): ${where}: ${String(message)}`;
  }
  for (const error of problem.errors ?? []) {
    const wrong = paramsWrong(error.code, error.params);
    if (wrong) return `${status} ${String(error.field)}: ${wrong}`;
  }
  if (problem.code === 'validation_failed') {
    const fields = (problem.errors ?? []).map((e) => e.field);
    if (fields.length === 0 || fields.some((f) => typeof f !== 'string')) return `${status} validation problem naming no field`;
    if (c.mustRefuse && c.field && !fields.some((f) => typeof f === 'string' && namesField(f, c.field as string))) return `${status} names ${fields.join(', ')}, not ${c.field}`;
    const own = (problem.errors ?? []).filter((e) => e.field === c.field).map((e) => String(e.message));
    // An unknown field is named with the fields the object does take.
    if (c.label === 'unknown field' && c.mustRefuse && !own.some((message) => /\(allowed: [^)]+\)$/.test(message))) return `${status} ${c.field}: "${own.join('; ')}" does not say which fields are allowed`;
    if (c.allowed && !own.some((message) => c.allowed?.every((value) => message.includes(String(value))))) return `${status} ${c.field}: "${own.join('; ')}" does not name ${c.allowed.join(', ')}`;
    const wrongCode = c.expected === undefined ? null : codeWrong(c.expected, (problem.errors ?? []).filter((e) => e.field === c.field));
    if (wrongCode) return `${status} ${c.field}: ${wrongCode}`;
  }
  // A business rule refused (422) names the field it is about, too.
  if (status === 422 && (problem.errors ?? []).length === 0) return `422 ${String(problem.code)} naming no field`;
  if (op.method === 'GET' && c.label.endsWith('does not exist') && status !== 404) return `${status} for a missing record, not 404`;
  return null;
}

// Some thousand requests, each refused before any work: well under a minute on PGlite.
describe('bad input to every route', { timeout: 120_000 }, () => {
  let t: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    t = await createTestApp();
    const doc = await t.request('admin', { method: 'GET', url: '/docs/json' });
    operations = listOperations(doc.json()).filter((op) => op.path.startsWith('/api/') && (op.pathParams.length > 0 || op.queryParams.length > 0 || op.body !== null));
  });
  afterAll(() => t.close());

  async function sweep(casesOf: (op: Operation) => BadCase[]): Promise<{ sent: number; failures: string[] }> {
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (const c of casesOf(op)) {
        const answer = await t.request('admin', {
          method: op.method as 'GET',
          url: c.url,
          headers: { 'if-match': '"1"', ...(c.payload === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(c.payload === undefined ? {} : { payload: c.payload }),
        });
        sent += 1;
        const wrong = judge(op, c, answer);
        if (wrong) failures.push(`${op.method} ${op.path} [${c.label}]: ${wrong} ${answer.statusCode >= 500 ? answer.body.slice(0, 200) : ''}`);
      }
    }
    return { sent, failures };
  }

  it('gets a 4xx problem+json naming the field, never a 500', async () => {
    expect(operations.length).toBeGreaterThan(150);
    const { sent, failures } = await sweep((op) => badCasesFor(op));
    expect(sent).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
    expect(paramsSeen).toBeGreaterThan(500); // the params check above judged real ones
    expect(codesChecked).toBeGreaterThan(500); // and the expected codes, of dates, instants and wrong types
  });

  // The same bad fields again, now beside ids of real records: a request that gets past the record
  // look-up meets the service and the database (BigInt conversions, numeric overflow, foreign keys).
  // DELETEs are left out: an accepted one would remove the records the rest of the pass needs.
  it('gets the same answers when the ids name real records', async () => {
    const records = await seedSweepRecords(t.ctx);
    const { sent, failures } = await sweep((op) => (op.method === 'DELETE' ? [] : badCasesFor(op, recordsForPath(op.path, records), { pathCases: false })));
    expect(sent).toBeGreaterThan(1500);
    expect(failures).toEqual([]);
  });
});
