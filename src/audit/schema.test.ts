import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { toFieldError } from '../shared/validation/issue-params.ts';
import { listAuditQuerySchema, toListAuditEntriesInput } from './schema.ts';

const parse = (query: Record<string, string>) => listAuditQuerySchema.safeParse(query);
const issuePaths = (query: Record<string, string>) => parse(query).error?.issues.map((issue) => issue.path.join('.'));

describe('listAuditQuerySchema', () => {
  it('reads entity as <entityType>:<entityId> or a bare id', () => {
    const typed = listAuditQuerySchema.parse({ entity: 'account:acct_123' });
    expect(toListAuditEntriesInput(typed)).toEqual({ entityType: 'account', entityId: 'acct_123', limit: 50 });
    const bare = listAuditQuerySchema.parse({ entity: 'acct_123', entityType: 'account_settings' });
    expect(toListAuditEntriesInput(bare)).toEqual({ entityType: 'account_settings', entityId: 'acct_123', limit: 50 });
  });

  it.each(['Account:acct_1', 'account:', ':acct_1', 'acct 1', 'account:acct:1', '', 'x'.repeat(201)])('rejects entity %j', (entity) => {
    expect(issuePaths({ entity })).toEqual(['entity']);
  });

  it('rejects an entityType that contradicts the one in entity, and accepts the same one', () => {
    expect(issuePaths({ entity: 'account:acct_1', entityType: 'invoice' })).toEqual(['entityType']);
    expect(parse({ entity: 'account:acct_1', entityType: 'account' }).success).toBe(true);
  });

  it.each(['2026-01-15', '2026-01-15T09:00:00', 'yesterday', '2026-02-30T00:00:00Z', '1768467600000'])('rejects the instant %j', (instant) => {
    expect(issuePaths({ from: instant, to: instant })).toEqual(['from', 'to']);
  });

  it('says a bad instant as invalid_format { format: datetime }, whichever check refused it', () => {
    const errorsOf = (from: string) => parse({ from }).error?.issues.map((issue) => toFieldError('querystring.from', issue));
    const zodRefused = { field: 'querystring.from', message: 'an ISO 8601 instant with Z or an offset, e.g. 2026-01-15T09:00:00Z', code: 'invalid_format', params: { format: 'datetime' } };
    expect(errorsOf('2026-02-30T00:00:00Z')).toEqual([zodRefused]);
    expect(errorsOf('yesterday')).toEqual([zodRefused]);
    // Ten fractional digits pass zod's pattern; Temporal takes at most nine.
    expect(errorsOf('2026-01-15T10:00:00.0000000001Z')).toEqual([{ ...zodRefused, message: 'not a valid instant' }]);
  });

  it('takes instants with any offset and keeps their sub-millisecond part', () => {
    const query = listAuditQuerySchema.parse({ from: '2026-01-15T10:00:00.000001+01:00', to: '2026-01-15T09:30:00Z' });
    const input = toListAuditEntriesInput(query);
    expect(input.fromAt?.equals(Temporal.Instant.from('2026-01-15T09:00:00.000001Z'))).toBe(true);
    expect(input.toAt?.toString()).toBe('2026-01-15T09:30:00Z');
  });

  it('requires from before to', () => {
    expect(issuePaths({ from: '2026-01-15T10:00:00Z', to: '2026-01-15T10:00:00Z' })).toEqual(['to']);
    expect(issuePaths({ from: '2026-01-15T10:00:00Z', to: '2026-01-15T11:00:00+02:00' })).toEqual(['to']);
  });

  it('pages with the shared limits', () => {
    expect(toListAuditEntriesInput(listAuditQuerySchema.parse({ limit: '20', cursor: 'abc' }))).toEqual({ limit: 20, cursor: 'abc' });
    expect(issuePaths({ limit: '501' })).toEqual(['limit']);
  });
});
