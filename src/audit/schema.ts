import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../shared/http/pagination.ts';

const ENTITY_TYPE_PATTERN = /^[a-z][a-z0-9_]*$/;
/** `<entityType>:<entityId>` or a bare entity id; ids never contain `:` or whitespace. */
const ENTITY_PATTERN = /^(?:([a-z][a-z0-9_]*):)?([^\s:]+)$/;

function parseInstant(text: string | undefined): Temporal.Instant | null {
  if (text === undefined) return null;
  try {
    return Temporal.Instant.from(text);
  } catch {
    return null;
  }
}

/**
 * An ISO 8601 instant with Z or an offset; also parsed by Temporal so toListAuditEntriesInput cannot
 * throw. Either check fails as invalid_format { format: 'datetime' }, so a client can word it.
 */
const instantSchema = z.iso
  .datetime({ offset: true, abort: true, message: 'an ISO 8601 instant with Z or an offset, e.g. 2026-01-15T09:00:00Z' })
  .check(z.stringFormat('datetime', (text) => parseInstant(text) !== null, { error: 'not a valid instant' }));

export const listAuditQuerySchema = pageQuerySchema
  .extend({
    entity: z
      .string()
      .max(200)
      .regex(ENTITY_PATTERN, 'use <entityType>:<entityId> (e.g. account:acct_123) or an entity id')
      .optional()
      .describe('The record whose history to list: account:acct_123, or just acct_123'),
    entityType: z.string().max(64).regex(ENTITY_TYPE_PATTERN, 'lower_snake_case, e.g. account').optional(),
    actorId: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(64).optional().describe('create, update, delete or a domain verb'),
    from: instantSchema.optional().describe('Entries at or after this instant'),
    to: instantSchema.optional().describe('Entries before this instant (half-open)'),
  })
  // Runs even when a field above failed, so it must not assume valid instants.
  .superRefine((query, issues) => {
    const typeInEntity = query.entity === undefined ? undefined : ENTITY_PATTERN.exec(query.entity)?.[1];
    if (typeInEntity !== undefined && query.entityType !== undefined && typeInEntity !== query.entityType) {
      issues.addIssue({ code: 'custom', path: ['entityType'], message: `conflicts with "${typeInEntity}" in entity` });
    }
    const from = parseInstant(query.from);
    const to = parseInstant(query.to);
    if (from !== null && to !== null && Temporal.Instant.compare(from, to) >= 0) {
      issues.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });

export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

/** What listAuditEntries filters on; instants bound the half-open range [fromAt, toAt). */
export type ListAuditEntriesInput = {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  fromAt?: Temporal.Instant;
  toAt?: Temporal.Instant;
  limit: number;
  cursor?: string;
};

export function toListAuditEntriesInput(query: ListAuditQuery): ListAuditEntriesInput {
  const entity = query.entity === undefined ? undefined : ENTITY_PATTERN.exec(query.entity);
  const entityType = entity?.[1] ?? query.entityType;
  const entityId = entity?.[2];
  return {
    ...(entityType !== undefined ? { entityType } : {}),
    ...(entityId !== undefined ? { entityId } : {}),
    ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.from !== undefined ? { fromAt: Temporal.Instant.from(query.from) } : {}),
    ...(query.to !== undefined ? { toAt: Temporal.Instant.from(query.to) } : {}),
    limit: query.limit,
    ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
  };
}

export const auditEntrySchema = z.object({
  seq: z.string().describe('Position in the hash chain: a 64-bit integer as a decimal string'),
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ type: z.string(), id: z.string() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().describe('The record before the change, as JSON; null on create'),
  after: z.unknown().describe('The record after the change, as JSON; null on delete'),
  requestId: z.string().nullable(),
  hash: z.string().describe('SHA-256 (hex) of the canonical JSON of the entry, prevHash included'),
  prevHash: z.string(),
});

export type AuditEntryItem = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = pageSchema(auditEntrySchema);

export const AUDIT_CHAIN_PROBLEM_KINDS = ['hash_mismatch', 'broken_link', 'missing_entry', 'head_mismatch', 'extra_entry'] as const;
export type AuditChainProblemKind = (typeof AUDIT_CHAIN_PROBLEM_KINDS)[number];

/** The verify result on the wire: bigints become decimal strings. */
export const verifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe('Entries verified before the first problem (all of them when ok)'),
  headSeq: z.string().optional().describe('The verified head of the chain, when ok'),
  problem: z
    .object({
      kind: z.enum(AUDIT_CHAIN_PROBLEM_KINDS),
      seq: z.string(),
      id: z.string().optional(),
      message: z.string(),
    })
    .optional()
    .describe('The first problem in seq order, when not ok'),
});

export type VerifyResultJson = z.infer<typeof verifyResultSchema>;
