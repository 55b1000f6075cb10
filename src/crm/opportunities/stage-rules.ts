import { AppError, type FieldError } from '../../shared/errors.ts';
import type { ForecastCategory, Stage } from '../pipeline/index.ts';

/** The columns a stage decides. */
export type StageState = { probabilityBps: number; forecastCategory: ForecastCategory; won: boolean; closedAt: Date | null; lostReason: string | null };

export type StageRequest = {
  stage: Stage;
  /** The opportunity before this write; null on create. */
  previous: { stageKey: string; state: StageState } | null;
  /** Values the caller sent in this request; undefined = not sent. */
  explicit: { probabilityBps?: number | undefined; forecastCategory?: ForecastCategory | undefined; lostReason?: string | null | undefined; closedAt?: string | undefined };
  now: Date;
};

/**
 * Entering a stage sets probability and forecast category to the stage's defaults unless the
 * request names its own. Closed stages fix them (won 100%/closed, lost 0%/omitted), stamp
 * closedAt and decide `won`; a lost stage needs a lost reason, which reopening clears.
 * Every broken rule is a field error naming what the caller sent.
 */
export function resolveStageState(request: StageRequest): StageState {
  const errors: FieldError[] = [];
  const { stage, previous } = request;
  const entering = previous === null || previous.stageKey !== stage.key;
  if (entering && !stage.active) errors.push({ field: 'body.stage', message: `stage ${stage.key} is inactive` });
  const numbers = resolveNumbers(request, entering, errors);
  const state: StageState = {
    ...numbers,
    won: stage.kind === 'won',
    closedAt: resolveClosedAt(request, entering, errors),
    lostReason: resolveLostReason(request, errors),
  };
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
  return state;
}

function resolveNumbers({ stage, previous, explicit }: StageRequest, entering: boolean, errors: FieldError[]) {
  const kept = entering || previous === null ? null : previous.state;
  const probabilityBps = explicit.probabilityBps ?? kept?.probabilityBps ?? stage.defaultProbabilityBps;
  const forecastCategory = explicit.forecastCategory ?? kept?.forecastCategory ?? stage.forecastCategory;
  if (stage.kind !== 'open' && probabilityBps !== stage.defaultProbabilityBps) {
    errors.push({ field: 'body.probabilityBps', message: `a ${stage.kind} opportunity has probability ${stage.defaultProbabilityBps}` });
  }
  if (stage.kind !== 'open' && forecastCategory !== stage.forecastCategory) {
    errors.push({ field: 'body.forecastCategory', message: `a ${stage.kind} opportunity is in forecast category ${stage.forecastCategory}` });
  }
  if (stage.kind === 'open' && forecastCategory === 'closed') {
    errors.push({ field: 'body.forecastCategory', message: 'an open opportunity cannot be in the closed forecast category' });
  }
  return { probabilityBps, forecastCategory };
}

/** Closing stamps now (or the imported closedAt); staying closed keeps the stamp; reopening clears it. */
function resolveClosedAt({ stage, previous, explicit, now }: StageRequest, entering: boolean, errors: FieldError[]): Date | null {
  if (stage.kind === 'open') {
    if (explicit.closedAt !== undefined) errors.push({ field: 'body.closedAt', message: 'only a won or lost opportunity has a close time' });
    return null;
  }
  if (explicit.closedAt !== undefined) {
    const closedAt = new Date(explicit.closedAt);
    if (closedAt.getTime() > now.getTime()) errors.push({ field: 'body.closedAt', message: 'is in the future' });
    return closedAt;
  }
  return !entering && previous?.state.closedAt ? previous.state.closedAt : now;
}

function resolveLostReason({ stage, previous, explicit }: StageRequest, errors: FieldError[]): string | null {
  if (stage.kind !== 'lost') {
    if (explicit.lostReason !== undefined && explicit.lostReason !== null) {
      errors.push({ field: 'body.lostReason', message: 'only a lost opportunity has a lost reason' });
    }
    return null;
  }
  const lostReason = explicit.lostReason === undefined ? (previous?.state.lostReason ?? null) : explicit.lostReason;
  if (lostReason === null) errors.push({ field: 'body.lostReason', message: `required to move to the lost stage ${stage.key}` });
  return lostReason;
}
