/** Wire shapes of the imports, data-quality and audit APIs (src/imports, src/quality, src/audit). */

export const OUTCOMES = ['created', 'updated', 'unchanged', 'merged', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Counts = Record<Outcome, number>;

export type ImportSummary = {
  runId: string;
  dryRun: boolean;
  files: (Counts & { file: string; rows: number })[];
  skippedFiles: { file: string; reason: string }[];
  entities: Partial<Record<string, Counts>>;
  totals: Counts & { rows: number };
  errorCount: number;
  durationMs: number;
};

export type ImportProgress = { file: string; fileNumber: number; fileCount: number; bytesRead: number; fileSize: number | null; rows: number; retrying: boolean };

export type ImportRun = {
  id: string;
  source: string;
  sourceSystem: string;
  files: string[];
  dryRun: boolean;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  summary: ImportSummary | null;
  errorReport: string | null;
  failure: string | null;
  actorId: string;
  progress?: ImportProgress | null;
  /** Only on GET /imports/:id: the report can be downloaded (a CLI run keeps it on its own disk). */
  errorReportDownloadable?: boolean;
};

export type ShippedMapping = { name: string; description: string; sourceSystem: string; files: string[] };
export type MappingCatalog = { sources: string[]; mappings: ShippedMapping[] };

export type QualitySection = { check: string; severity: 'error' | 'warning' | 'info'; count: number; ids: string[]; description: string };
export type DataQualityReport = { generatedAt: string; asOfDate: string; sections: QualitySection[]; notCovered: { check: string; reason: string }[] };

export type MatchCandidate = {
  id: string;
  accountIds: [string, string];
  score: number;
  reasons: { rule: string; value: string; score: number }[];
  status: 'pending' | 'confirmed' | 'rejected' | 'superseded';
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
};

export type AuditEntry = {
  seq: string;
  id: string;
  occurredAt: string;
  actor: { type: string; id: string };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

export type AuditVerifyResult = {
  ok: boolean;
  checked: number;
  headSeq?: string;
  problem?: { kind: string; seq: string; id?: string; message: string };
};
