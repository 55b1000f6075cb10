// Identity resolution (match, merge, unmerge, review), contact dedupe and the data-quality report.
export { normalizeLegalName, normalizeTaxId, normalizeEmail, emailDomain, companyEmailDomain, foldText } from './normalize.ts';
export { isFreeMailDomain } from './free-mail-domains.ts';
export { scorePair, findCandidatePairs, DEFAULT_THRESHOLDS, type AccountProfile, type Thresholds } from './match-accounts.ts';
export { runIdentityResolution } from './run-identity-resolution.ts';
export { listMatchCandidates, confirmMatchCandidate, rejectMatchCandidate } from './review-candidates.ts';
export { mergeAccounts, mergeContacts, type MergeRequest } from './merge-records.ts';
export { unmergeRecords } from './unmerge-records.ts';
export { listMerges, getMerge } from './list-merges.ts';
export { resolveAccountId, resolveContactId, resolveRecordId, resolveMergedIds } from './resolve-record-id.ts';
export { resolveImportMerges } from './resolve-import-merges.ts';
export { dedupeContacts, findDuplicateContacts } from './dedupe-contacts.ts';
export { buildDataQualityReport, listQualityCheckIds, QUALITY_CHECKS, type DataQualityReport, type QualityCheckIds, type QualitySection } from './data-quality-report.ts';
export { qualityRoutes } from './routes.ts';
export type { MatchCandidate, MatchReason, RecordMerge, RunResult, DedupeResult, MergeEntity, QualityTables } from './schema.ts';
