import type { Ctx } from '../../shared/context.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findStageRows, findStageRow, getStageRow, toStage } from './repo.ts';
import { listStagesQuerySchema, type ListStagesQuery, type Stage } from './schema.ts';

/**
 * The whole pipeline in its order. Not paged: there are at most MAX_STAGES stages, and callers
 * (boards, forecasts) need all of them at once. The page envelope is kept for a uniform API.
 */
export async function listStages(ctx: Ctx, query: ListStagesQuery = {}): Promise<{ data: Stage[]; nextCursor: null }> {
  const filter = parseInput(listStagesQuerySchema, query, 'querystring');
  const rows = await findStageRows(ctx, definedOnly(filter));
  return { data: rows.map(toStage), nextCursor: null };
}

export async function getStage(ctx: Ctx, key: string): Promise<Stage> {
  return toStage(await getStageRow(ctx, key));
}

export async function findStage(ctx: Ctx, key: string, lock?: 'share'): Promise<Stage | null> {
  const row = await findStageRow(ctx, key, lock);
  return row ? toStage(row) : null;
}

function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
