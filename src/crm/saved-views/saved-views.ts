import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { countViews, deleteViewRow, findViewRows, getViewRow, insertView, nameTaken, toSavedView, updateViewRow } from './repo.ts';
import {
  createSavedViewSchema, listSavedViewsQuerySchema, MAX_VIEWS_PER_SCOPE, updateSavedViewSchema,
  type CreateSavedViewInput, type SavedView, type SavedViewScope, type UpdateSavedViewInput,
} from './schema.ts';

/** The signed-in user's own views of one list, by name. Views are never shared: the actor is the key. */
export async function listSavedViews(ctx: Ctx, query: { scope: SavedViewScope }): Promise<SavedView[]> {
  const { scope } = parseInput(listSavedViewsQuerySchema, query, 'querystring');
  return (await findViewRows(ctx, ctx.actor.id, scope, MAX_VIEWS_PER_SCOPE)).map(toSavedView);
}

export async function createSavedView(ctx: Ctx, input: CreateSavedViewInput): Promise<SavedView> {
  const parsed = parseInput(createSavedViewSchema, input);
  return inTransaction(ctx, async (tx) => {
    const existing = await findViewRows(tx, tx.actor.id, parsed.scope, MAX_VIEWS_PER_SCOPE);
    if (existing.some((row) => row.name.toLowerCase() === parsed.name.toLowerCase())) throw nameTaken();
    // Listed whole without paging, so the count is capped where the list is.
    if ((await countViews(tx, tx.actor.id, parsed.scope)) >= MAX_VIEWS_PER_SCOPE) {
      throw new AppError('business_rule_violated', `At most ${MAX_VIEWS_PER_SCOPE} saved views per list; delete one first`);
    }
    const now = new Date(tx.clock.now().epochMilliseconds);
    const row = await insertView(tx, { id: newId('view', now.getTime()), userId: tx.actor.id, ...parsed, now });
    return toSavedView(row);
  });
}

export async function updateSavedView(ctx: Ctx, request: { id: string; expectedVersion: number; changes: UpdateSavedViewInput }): Promise<SavedView> {
  const changes = parseInput(updateSavedViewSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await getViewRow(tx, tx.actor.id, request.id);
    if (before.version !== request.expectedVersion) {
      throw new AppError('version_conflict', `Saved view ${before.id} is at version ${before.version}, not ${request.expectedVersion}`, { extra: { currentVersion: before.version } });
    }
    const now = new Date(tx.clock.now().epochMilliseconds);
    return toSavedView(await updateViewRow(tx, before, changes, now));
  });
}

/** Deleting needs no version: a view is the user's own preference, the last click wins. */
export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => deleteViewRow(tx, await getViewRow(tx, tx.actor.id, id)));
}
