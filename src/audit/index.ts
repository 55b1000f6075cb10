export { listAuditEntries, type AuditEntryPage } from './list-audit-entries.ts';
export { auditRoutes } from './routes.ts';
export {
  listAuditQuerySchema,
  auditEntrySchema,
  toListAuditEntriesInput,
  type AuditChainProblemKind,
  type AuditEntryItem,
  type ListAuditEntriesInput,
  type VerifyResultJson,
} from './schema.ts';
export {
  toVerifyResultJson,
  verifyAuditChain,
  type AuditChainProblem,
  type AuditChainResult,
  type VerifyAuditChainOptions,
} from './verify-chain.ts';
