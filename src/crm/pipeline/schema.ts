import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Timestamp } from '../../shared/db/tables.ts';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/** The pipeline is configuration, not data: a few stages, listed whole and never paged. */
export const MAX_STAGES = 50;

export const stageKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, 'snake_case, starting with a letter, at most 50 characters')
  .describe('Stage key, e.g. "proposal"');
export const probabilityBpsSchema = z.number().int().min(0).max(10_000).describe('Basis points: 6000 = 60%');
const label = z.string().trim().min(1).max(100);

/** Closed stages carry fixed numbers (CHECKs in the migration); left out, they are filled in. */
export const createStageSchema = z
  .object({
    key: stageKeySchema,
    label,
    kind: z.enum(STAGE_KINDS).default('open'),
    defaultProbabilityBps: probabilityBpsSchema.optional(),
    forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type CreateStageInput = z.input<typeof createStageSchema>;

/** key and kind are fixed once created: opportunities store the won/closed state their kind implied. */
export const updateStageSchema = z
  .object({
    label,
    defaultProbabilityBps: probabilityBpsSchema,
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateStageInput = z.input<typeof updateStageSchema>;
export const updateStageBodySchema = updateStageSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const reorderStagesSchema = z
  .object({ keys: z.array(stageKeySchema).min(1).max(MAX_STAGES).describe('Every stage key, active or not, in the new order') })
  .strict();
export type ReorderStagesInput = z.input<typeof reorderStagesSchema>;

export const listStagesQuerySchema = z
  .object({
    // Idempotent: the route parses the query string, then the service parses the result again.
    active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
    kind: z.enum(STAGE_KINDS).optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type ListStagesQuery = z.input<typeof listStagesQuerySchema>;

export const stageSchema = z.object({
  key: z.string(),
  label: z.string(),
  sortOrder: z.number().int(),
  defaultProbabilityBps: z.number().int(),
  kind: z.enum(STAGE_KINDS),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Stage = z.infer<typeof stageSchema>;
export const stageListSchema = z.object({ data: z.array(stageSchema), nextCursor: z.null() });

export type PipelineStagesTable = {
  key: string;
  label: string;
  sort_order: number;
  default_probability_bps: number;
  kind: StageKind;
  forecast_category: ForecastCategory;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};
export type StageRow = Selectable<PipelineStagesTable>;
export type PipelineTables = { pipeline_stages: PipelineStagesTable };
