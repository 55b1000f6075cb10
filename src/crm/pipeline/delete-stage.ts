import { inTransaction, type Ctx } from '../../shared/context.ts';
import { deleteStageRow, getStageRow, versionConflict } from './repo.ts';

/** Removes a stage no opportunity has ever used (422 otherwise: deactivate it instead). */
export async function deleteStage(ctx: Ctx, request: { key: string; expectedVersion: number }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await getStageRow(tx, request.key, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.key, before.version, request.expectedVersion);
    await deleteStageRow(tx, before);
  });
}
