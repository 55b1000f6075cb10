import { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
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
