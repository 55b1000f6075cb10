import { z } from 'zod';
import { text } from '../shared-fields.ts';
import { LEAD_STAGES, statusKey } from './schema.ts';

/** A status lives in one stage for good (leads copy the stage); its key is its permanent id. */
export const createLeadStatusSchema = z
  .object({
    key: statusKey,
    label: text(100),
    stage: z.enum(LEAD_STAGES),
    sortOrder: z.number().int().min(-1_000_000).max(1_000_000),
    isDefault: z.boolean().default(false).describe('The status new leads get; exactly one, in stage new, mql or sql'),
  })
  .strict();
export type CreateLeadStatusInput = z.input<typeof createLeadStatusSchema>;

export const updateLeadStatusSchema = z
  .object({
    label: text(100),
    sortOrder: z.number().int().min(-1_000_000).max(1_000_000),
    isDefault: z.literal(true).describe('Make this the default; the previous default stops being one'),
  })
  .partial()
  .strict();
export type UpdateLeadStatusInput = z.input<typeof updateLeadStatusSchema>;
export const updateLeadStatusBodySchema = updateLeadStatusSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const leadStatusSchema = z.object({
  key: z.string(),
  label: z.string(),
  stage: z.enum(LEAD_STAGES),
  sortOrder: z.number().int(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type LeadStatus = z.infer<typeof leadStatusSchema>;
export const leadStatusKeyParams = z.object({ key: z.string().min(1).max(40) });
