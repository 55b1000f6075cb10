import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findStageRows, parkSortOrders, toStage, updateStageRow } from './repo.ts';
import { reorderStagesSchema, type ReorderStagesInput, type Stage, type StageRow } from './schema.ts';

/**
 * Sets the pipeline order from a full list of keys. Requiring every key (inactive ones too) makes
 * a reorder based on a stale list fail instead of silently dropping a stage added meanwhile.
 * Each stage whose position changes gets a new version and its own audit row.
 */
export async function reorderStages(ctx: Ctx, input: ReorderStagesInput): Promise<{ data: Stage[]; nextCursor: null }> {
  const { keys } = parseInput(reorderStagesSchema, input);
  return inTransaction(ctx, async (tx) => {
    const rows = await findStageRows(tx, {}, 'update');
    assertPermutation(rows, keys);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const moves = keys.flatMap((key, index) => {
      const row = byKey.get(key);
      return row && row.sort_order !== index + 1 ? [{ row, sortOrder: index + 1 }] : [];
    });
    await parkSortOrders(tx, moves.map((m) => m.row.key));
    const now = new Date(tx.clock.now().epochMilliseconds);
    for (const { row, sortOrder } of moves) await updateStageRow(tx, row, { sort_order: sortOrder, updated_at: now }, 'reorder');
    return { data: (await findStageRows(tx)).map(toStage), nextCursor: null };
  });
}

function assertPermutation(rows: StageRow[], keys: string[]): void {
  const known = new Set(rows.map((row) => row.key));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const key of keys) {
    if (!known.has(key)) problems.push(`unknown stage ${key}`);
    if (seen.has(key)) problems.push(`${key} is listed twice`);
    seen.add(key);
  }
  const missing = [...known].filter((key) => !seen.has(key));
  if (missing.length > 0) problems.push(`missing: ${missing.join(', ')}`);
  if (problems.length === 0) return;
  throw new AppError('validation_failed', `keys must list every stage exactly once: ${problems.join('; ')}`, {
    fieldErrors: [{ field: 'body.keys', message: problems.join('; ') }],
  });
}
