import { AppError, type FieldError } from '../../shared/errors.ts';
import type { ForecastCategory, StageKind } from './schema.ts';

/** What a closed stage must carry (CHECKs pipeline_stages_won_rule / _lost_rule). */
export const CLOSED_STAGE_NUMBERS: Record<Exclude<StageKind, 'open'>, { defaultProbabilityBps: number; forecastCategory: ForecastCategory }> = {
  won: { defaultProbabilityBps: 10_000, forecastCategory: 'closed' },
  lost: { defaultProbabilityBps: 0, forecastCategory: 'omitted' },
};

/**
 * Fills in and checks a stage's probability and forecast category: closed stages have fixed
 * values (a different one is a field error, not a CHECK violation), open stages default to 0% in
 * "pipeline" and may never be "closed".
 */
export function closedStageDefaults(
  kind: StageKind,
  defaultProbabilityBps: number | undefined,
  forecastCategory: ForecastCategory | undefined,
): { defaultProbabilityBps: number; forecastCategory: ForecastCategory } {
  const errors: FieldError[] = [];
  if (kind === 'open') {
    if (forecastCategory === 'closed') errors.push({ field: 'body.forecastCategory', message: 'an open stage cannot be in the closed forecast category' });
    throwIfAny(errors);
    return { defaultProbabilityBps: defaultProbabilityBps ?? 0, forecastCategory: forecastCategory ?? 'pipeline' };
  }
  const fixed = CLOSED_STAGE_NUMBERS[kind];
  if (defaultProbabilityBps !== undefined && defaultProbabilityBps !== fixed.defaultProbabilityBps) {
    errors.push({ field: 'body.defaultProbabilityBps', message: `a ${kind} stage has probability ${fixed.defaultProbabilityBps}` });
  }
  if (forecastCategory !== undefined && forecastCategory !== fixed.forecastCategory) {
    errors.push({ field: 'body.forecastCategory', message: `a ${kind} stage is in forecast category ${fixed.forecastCategory}` });
  }
  throwIfAny(errors);
  return fixed;
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length === 0) return;
  throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
}
