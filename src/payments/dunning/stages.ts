import { z } from 'zod';
import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { NOTICE_TEMPLATES, type DunningStageRow, type NoticeTemplate } from '../tables.ts';
import { listStageRows, replaceStageRows } from './dunning-repo.ts';

export type DunningStage = { code: string; position: number; daysAfterDue: number; template: NoticeTemplate | null; placesHold: boolean };

export const dunningStagesSchema = z.strictObject({
  stages: z.array(z.strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'snake_case, e.g. second_reminder'),
    daysAfterDue: z.int({ error: 'a whole number of days' }).min(0, 'must be 0 or more days after the due date').max(3650, 'at most 3650 days (10 years) after the due date'),
    template: z.enum(NOTICE_TEMPLATES).nullable(),
    placesHold: z.boolean().default(false),
  })).min(1).max(20),
});
export type DunningStagesInput = z.input<typeof dunningStagesSchema>;

function toStage(row: DunningStageRow): DunningStage {
  return { code: row.code, position: row.position, daysAfterDue: row.days_after_due, template: row.template, placesHold: row.places_hold };
}

export async function listDunningStages(ctx: Ctx): Promise<DunningStage[]> {
  return (await listStageRows(ctx)).filter((row) => row.active).map(toStage);
}

/**
 * Replaces the stage list (audited). Rules: codes unique, days strictly increasing in the given
 * order (a later stage is never due before an earlier one), and each stage sends a template or
 * places the hold.
 */
export async function setDunningStages(ctx: Ctx, input: DunningStagesInput): Promise<DunningStage[]> {
  const { stages } = parseInput(dunningStagesSchema, input);
  const errors = stages.flatMap((stage, index) => {
    const previous = stages[index - 1];
    const problems: Array<{ field: string; message: string }> = [];
    if (stages.findIndex((other) => other.code === stage.code) !== index) problems.push({ field: `body.stages.${index}.code`, message: 'appears more than once' });
    if (previous && stage.daysAfterDue <= previous.daysAfterDue) problems.push({ field: `body.stages.${index}.daysAfterDue`, message: `must be after the previous stage's ${previous.daysAfterDue}` });
    if (stage.template === null && !stage.placesHold) problems.push({ field: `body.stages.${index}.template`, message: 'a stage sends a template or places the hold' });
    return problems;
  });
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
  return inTransaction(ctx, async (tx) => (await replaceStageRows(tx, stages.map((stage, index) => ({
    code: stage.code, position: index + 1, days_after_due: stage.daysAfterDue, template: stage.template, places_hold: stage.placesHold, active: true,
  })))).filter((row) => row.active).map(toStage));
}
