import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { importsDb } from './repo.ts';
import type { EntityName } from './targets/entities.ts';

// import_contributions (see its migration): split from repo.ts for length; only code touching that table.

export type Contribution = { externalId: string; recordId: string; amount: bigint };

export async function findContributions(ctx: Ctx, sourceSystem: string, entity: EntityName, externalIds: string[]): Promise<Map<string, Contribution>> {
  if (externalIds.length === 0) return new Map();
  const rows = await importsDb(ctx)
    .selectFrom('import_contributions')
    .select(['external_id', 'record_id', 'amount'])
    .where('source_system', '=', sourceSystem)
    .where('entity', '=', entity)
    .where('external_id', 'in', externalIds)
    .execute();
  return new Map(rows.map((row) => [row.external_id, { externalId: row.external_id, recordId: row.record_id, amount: BigInt(row.amount) }]));
}

export async function saveContributions(ctx: Ctx, sourceSystem: string, entity: EntityName, contributions: Contribution[]): Promise<void> {
  if (contributions.length === 0) return;
  await importsDb(ctx)
    .insertInto('import_contributions')
    .values(contributions.map((c) => ({ source_system: sourceSystem, entity, external_id: c.externalId, record_id: c.recordId, amount: c.amount })))
    .onConflict((oc) => oc.columns(['external_id', 'entity', 'source_system']).doUpdateSet((eb) => ({
      record_id: eb.ref('excluded.record_id'),
      amount: eb.ref('excluded.amount'),
    })))
    .execute();
}

/** The sum of every source's contributions to each total (0 for a total nothing adds to any more). */
export async function sumContributions(ctx: Ctx, entity: EntityName, recordIds: string[]): Promise<Map<string, bigint>> {
  const sums = new Map<string, bigint>(recordIds.map((id) => [id, 0n]));
  if (recordIds.length === 0) return sums;
  const rows = await importsDb(ctx)
    .selectFrom('import_contributions')
    .select(['record_id', sql<string>`sum(amount)`.as('total')])
    .where('entity', '=', entity)
    .where('record_id', 'in', recordIds)
    .groupBy('record_id')
    .execute();
  for (const row of rows) sums.set(row.record_id, BigInt(row.total));
  return sums;
}
