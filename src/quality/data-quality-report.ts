import { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { decodeCursor, encodeCursor } from '../shared/http/pagination.ts';
import type { QualityCheck } from './checks/check-types.ts';
import { ORPHAN_CHECKS, PIPELINE_CHECKS } from './checks/integrity-checks.ts';
import { DUPLICATE_CHECKS, REQUIRED_FIELD_CHECKS, TAX_ID_CHECKS } from './checks/record-checks.ts';

/** Ids listed per check; `count` is always the full number. */
export const MAX_IDS = 100;

export const QUALITY_CHECKS: readonly QualityCheck[] = [...DUPLICATE_CHECKS, ...REQUIRED_FIELD_CHECKS, ...TAX_ID_CHECKS, ...ORPHAN_CHECKS, ...PIPELINE_CHECKS];

/**
 * Checks the issue asks for that cannot run on today's schema, reported so the gap is visible
 * rather than silently missing. Add an entry when a check cannot be written; none is missing now.
 */
export const NOT_COVERED: ReadonlyArray<{ check: string; reason: string }> = [];

export const qualitySectionSchema = z.object({
  check: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  count: z.number().int(),
  ids: z.array(z.string()).describe(`the first ${MAX_IDS} record ids, sorted`),
  description: z.string(),
});
export type QualitySection = z.infer<typeof qualitySectionSchema>;

export const dataQualityReportSchema = z.object({
  generatedAt: z.string(),
  asOfDate: z.string().describe('the UTC date that "past" close dates are compared with'),
  sections: z.array(qualitySectionSchema),
  notCovered: z.array(z.object({ check: z.string(), reason: z.string() })),
});
export type DataQualityReport = z.infer<typeof dataQualityReportSchema>;

/** Every check, in a fixed order, each with its count and the first ids. Reads only. */
export async function buildDataQualityReport(ctx: Ctx): Promise<DataQualityReport> {
  const asOfDate = ctx.clock.today().toString();
  const sections: QualitySection[] = [];
  for (const { check, severity, description, findIds } of QUALITY_CHECKS) {
    const ids = await findIds(ctx, asOfDate);
    sections.push({ check, severity, count: ids.length, ids: ids.slice(0, MAX_IDS), description });
  }
  return { generatedAt: ctx.clock.now().toString(), asOfDate, sections, notCovered: [...NOT_COVERED] };
}

export const qualityCheckIdsSchema = z.object({
  check: z.string(), severity: z.enum(['error', 'warning', 'info']), description: z.string(), asOfDate: z.string(),
  count: z.number().int(), data: z.array(z.string()).describe('record ids, sorted; a page of them'), nextCursor: z.string().nullable(),
});
export type QualityCheckIds = z.infer<typeof qualityCheckIdsSchema>;

/**
 * Every record id one check finds (the report lists the first MAX_IDS), a page at a time (keyset on
 * the id, in the report's order). An unknown check is a 404 naming the known ones.
 */
export async function listQualityCheckIds(ctx: Ctx, check: string, page: { limit: number; cursor?: string | undefined }): Promise<QualityCheckIds> {
  const afterId = decodeCursor(page.cursor)?.id ?? null;
  const found = QUALITY_CHECKS.find((candidate) => candidate.check === check);
  if (!found) {
    throw new AppError('not_found', `No data-quality check "${check}"; the checks are ${QUALITY_CHECKS.map((c) => c.check).join(', ')}`);
  }
  const asOfDate = ctx.clock.today().toString();
  const ids = await found.findIds(ctx, asOfDate);
  const start = afterId === null ? 0 : ids.findIndex((id) => id > afterId);
  const rest = start < 0 ? [] : ids.slice(start);
  const data = rest.slice(0, page.limit);
  const last = data[data.length - 1];
  return {
    check, severity: found.severity, description: found.description, asOfDate, count: ids.length, data,
    nextCursor: rest.length > page.limit && last !== undefined ? encodeCursor({ sortValue: null, id: last }) : null,
  };
}
