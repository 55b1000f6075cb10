import type { Ctx } from '../../shared/context.ts';
import { toInstantDate } from '../shared-fields.ts';
import { decodeKeyset, keysetPage } from '../contacts/keyset.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { ACTIVITY_SORT_KEYS, findActivityRows } from './repo-list.ts';
import { toActivity } from './repo.ts';
import { listActivitiesQuerySchema, type Activity, type ListActivitiesQuery } from './schema.ts';

export type ActivityPage = { data: Activity[]; nextCursor: string | null };

/**
 * The activity timeline the actor may see, filtered by link and half-open ranges; newest first by
 * default. Pass nextCursor back with the same query.
 */
export async function listActivities(ctx: Ctx, query: ListActivitiesQuery): Promise<ActivityPage> {
  const { limit, cursor, sort, order, occurredFrom, occurredBefore, createdFrom, createdBefore, ...filter } = parseInput(listActivitiesQuerySchema, query, 'querystring');
  const direction = order ?? (sort === 'subject' ? 'asc' : 'desc');
  const sortKey = ACTIVITY_SORT_KEYS[sort];
  const instants = Object.fromEntries(
    Object.entries({ occurredFrom, occurredBefore, createdFrom, createdBefore })
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, text]) => [key, toInstantDate(text)]),
  );
  const rows = await findActivityRows(ctx, await ownerScope(ctx), { ...filter, ...instants }, { sort, direction }, { limit: limit + 1, after: decodeKeyset(sortKey, cursor) });
  return keysetPage(rows, limit, sortKey, toActivity);
}
