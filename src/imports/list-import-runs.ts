import type { Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { decodeCursor, toPage, invalidCursor } from '../shared/http/pagination.ts';
import { findImportRunRow, findImportRunRows } from './repo.ts';
import type { ImportRunStatus } from './tables.ts';

export type ImportRun = {
  id: string;
  source: string;
  sourceSystem: string;
  files: string[];
  dryRun: boolean;
  status: ImportRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** The run's summary (created/updated/unchanged/merged/rejected per file and entity); null while running. */
  summary: unknown;
  errorReport: string | null;
  failure: string | null;
  actorId: string;
};

type Row = NonNullable<Awaited<ReturnType<typeof findImportRunRow>>>;

function toImportRun(row: Row): ImportRun {
  return {
    id: row.id, source: row.source, sourceSystem: row.source_system, files: row.files as string[], dryRun: row.dry_run, status: row.status,
    startedAt: row.started_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null, summary: row.counts,
    errorReport: row.error_report, failure: row.failure, actorId: row.actor_id,
  };
}

export async function getImportRun(ctx: Ctx, id: string): Promise<ImportRun> {
  const row = await findImportRunRow(ctx, id);
  if (!row) throw notFound('import run', id);
  return toImportRun(row);
}

/** Newest first, keyset pages over (startedAt, id). */
export async function listImportRuns(ctx: Ctx, query: { limit: number; cursor?: string | undefined }): Promise<{ data: ImportRun[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  if (cursor && (typeof cursor.sortValue !== 'string' || Number.isNaN(Date.parse(cursor.sortValue)))) {
    throw invalidCursor('Invalid cursor; pass back nextCursor unchanged');
  }
  const before = cursor ? { startedAt: String(cursor.sortValue), id: cursor.id } : null;
  const rows = await findImportRunRows(ctx, { limit: query.limit + 1, before });
  return toPage(rows, query.limit, (row) => ({ sortValue: row.started_at.toISOString(), id: row.id }), toImportRun);
}
