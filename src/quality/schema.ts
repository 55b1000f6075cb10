import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Json, Timestamp } from '../shared/db/tables.ts';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { recordId } from '../shared/validation/field-schemas.ts';

/** What made two records look alike; `score` is that piece of evidence's contribution (0–1). */
export const MATCH_RULES = [
  'tax_id', 'domain', 'email_domain', 'name', 'country_match', 'country_conflict', 'tax_id_conflict', 'same_hierarchy', 'parent_account', 'email',
] as const;
export type MatchRule = (typeof MATCH_RULES)[number];
export const matchReasonSchema = z.object({ rule: z.enum(MATCH_RULES), value: z.string(), score: z.number() });
export type MatchReason = z.infer<typeof matchReasonSchema>;

export const CANDIDATE_STATUSES = ['pending', 'confirmed', 'rejected', 'superseded'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export const MERGE_STATUSES = ['merged', 'unmerged'] as const;
export type MergeStatus = (typeof MERGE_STATUSES)[number];
export const MERGE_ENTITIES = ['account', 'contact'] as const;
export type MergeEntity = (typeof MERGE_ENTITIES)[number];

const score = z.number().min(0).max(1);

/** Thresholds on the 0–1 match score (defaults in match-accounts.ts: 0.95 and 0.7). */
export const runIdentityResolutionSchema = z
  .object({
    accountIds: z.array(recordId).min(1).max(1000).optional().describe('scan only pairs involving these accounts; all when absent'),
    autoMergeThreshold: score.optional(),
    reviewThreshold: score.optional(),
  })
  .strict()
  .refine((v) => (v.reviewThreshold ?? 0) <= (v.autoMergeThreshold ?? 1), {
    message: 'reviewThreshold must not exceed autoMergeThreshold',
    path: ['reviewThreshold'],
  });
export type RunIdentityResolutionInput = z.input<typeof runIdentityResolutionSchema>;

export const confirmCandidateSchema = z
  .object({ survivorId: recordId.optional().describe('which of the two accounts survives; the older one when absent') })
  .strict();

export const listCandidatesQuerySchema = pageQuerySchema
  .extend({ status: z.enum(CANDIDATE_STATUSES).default('pending'), accountId: recordId.optional() })
  .strict();
export type ListCandidatesQuery = z.input<typeof listCandidatesQuerySchema>;

export const listMergesQuerySchema = pageQuerySchema
  .extend({ status: z.enum(MERGE_STATUSES).optional(), recordId: recordId.optional().describe('merges with this record as survivor or merged') })
  .strict();
export type ListMergesQuery = z.input<typeof listMergesQuerySchema>;

export const matchCandidateSchema = z.object({
  id: z.string(),
  accountIds: z.tuple([z.string(), z.string()]),
  score,
  reasons: z.array(matchReasonSchema),
  status: z.enum(CANDIDATE_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type MatchCandidate = z.infer<typeof matchCandidateSchema>;

export const rowRefSchema = z.object({ table: z.string(), column: z.string(), rowKey: z.record(z.string(), z.string()) });
export type RowRef = z.infer<typeof rowRefSchema>;

export const dedupeContactsSchema = z
  .object({ emails: z.array(z.string().min(3).max(254)).min(1).max(1000).optional().describe('only these addresses; every duplicate group when absent') })
  .strict();
export type DedupeContactsInput = z.input<typeof dedupeContactsSchema>;

export const recordMergeSchema = z.object({
  id: z.string(),
  entityType: z.enum(MERGE_ENTITIES),
  survivorId: z.string(),
  mergedId: z.string(),
  score,
  reasons: z.array(matchReasonSchema),
  candidateId: z.string().nullable(),
  status: z.enum(MERGE_STATUSES),
  filledFields: z.array(z.string()).describe('survivor columns filled from the merged record; custom fields as customFields.<key>'),
  movedRowCount: z.number().int(),
  keptRows: z.array(rowRefSchema).describe('rows left on the merged record: moving them would break a unique or immutability rule (issued invoices)'),
  notRestoredRows: z.array(rowRefSchema).describe('after unmerge: moved rows changed since the merge, left as they are'),
  mergedAt: z.string(),
  mergedBy: z.string(),
  unmergedAt: z.string().nullable(),
  unmergedBy: z.string().nullable(),
});
export type RecordMerge = z.infer<typeof recordMergeSchema>;

export const dedupeResultSchema = z.object({
  merged: z.array(recordMergeSchema),
  failed: z.array(z.object({ contactIds: z.tuple([z.string(), z.string()]), code: z.string(), detail: z.string() })),
});
export type DedupeResult = z.infer<typeof dedupeResultSchema>;

export const runResultSchema = z.object({
  scannedAccounts: z.number().int(),
  merged: z.array(recordMergeSchema),
  queued: z.array(matchCandidateSchema),
  failed: z.array(z.object({ accountIds: z.tuple([z.string(), z.string()]), code: z.string(), detail: z.string() })),
});
export type RunResult = z.infer<typeof runResultSchema>;

export type MatchCandidatesTable = {
  id: string;
  account_low_id: string;
  account_high_id: string;
  score_bps: number;
  reasons: Json;
  status: CandidateStatus;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
};

export type RecordMergesTable = {
  id: string;
  entity_type: MergeEntity;
  survivor_id: string;
  merged_id: string;
  score_bps: number;
  reasons: Json;
  candidate_id: string | null;
  filled_fields: Json;
  status: MergeStatus;
  merged_at: Timestamp;
  merged_by: string;
  unmerged_at: Timestamp | null;
  unmerged_by: string | null;
};

export type RecordMergeMovesTable = {
  merge_id: string;
  seq: number;
  table_schema: string;
  table_name: string;
  column_name: string;
  row_key: Json;
  new_value: string | null;
  outcome: 'moved' | 'kept';
  restore_outcome: 'restored' | 'changed_since' | null;
};

export type MatchCandidateRow = Selectable<MatchCandidatesTable>;
export type RecordMergeRow = Selectable<RecordMergesTable>;
export type RecordMergeMoveRow = Selectable<RecordMergeMovesTable>;

/** The tables src/quality owns (migration 202611230070). */
export type QualityTables = {
  match_candidates: MatchCandidatesTable;
  record_merges: RecordMergesTable;
  record_merge_moves: RecordMergeMovesTable;
};
