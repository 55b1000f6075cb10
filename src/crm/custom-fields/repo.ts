import type { Insertable, Kysely, Updateable } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { forgetInTransaction, memoInTransaction } from '../tx-memo.ts';
import type {
  CustomFieldDefinition, CustomFieldDefinitionsTable, CustomFieldEntityType, CustomFieldTables, CustomFieldType, DefinitionRow,
} from './schema.ts';

/** The only module that touches `custom_field_definitions`; every write also writes its audit row. */
export function customFieldsDb(ctx: Ctx): Kysely<SharedTables & CustomFieldTables> {
  return ctx.db.withTables<CustomFieldTables>();
}

export function toDefinition(row: DefinitionRow): CustomFieldDefinition {
  return {
    entityType: row.entity_type,
    key: row.key,
    label: row.label,
    type: row.type,
    picklistOptions: (row.picklist_options as string[] | null) ?? null,
    required: row.required,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Audit identity of a definition: one entity id per (entity type, key). */
const auditId = (row: { entity_type: string; key: string }) => `${row.entity_type}.${row.key}`;

export async function findDefinitionRow(ctx: Ctx, entityType: CustomFieldEntityType, key: string, lock?: 'update') {
  const query = customFieldsDb(ctx).selectFrom('custom_field_definitions').selectAll().where('entity_type', '=', entityType).where('key', '=', key);
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function getDefinitionRow(ctx: Ctx, entityType: CustomFieldEntityType, key: string, lock?: 'update') {
  const row = await findDefinitionRow(ctx, entityType, key, lock);
  if (!row) throw notFound('custom field', `${entityType}.${key}`);
  return row;
}

export type DefinitionFilter = { entityType?: CustomFieldEntityType; type?: CustomFieldType; active?: boolean; q?: string };
export type DefinitionSort = 'key' | 'label' | 'createdAt';

const SORT_COLUMNS = { key: 'key', label: 'label', createdAt: 'created_at' } as const;

export async function findDefinitionRows(ctx: Ctx, filter: DefinitionFilter, sort: DefinitionSort = 'key'): Promise<DefinitionRow[]> {
  let query = customFieldsDb(ctx).selectFrom('custom_field_definitions').selectAll();
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.q !== undefined) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('label', 'ilike', pattern), eb('key', 'ilike', pattern)]));
  }
  return query.orderBy('entity_type').orderBy(SORT_COLUMNS[sort]).orderBy('key').execute();
}

const DEFINITIONS_MEMO = 'crm.custom_field_definitions:';

/** One entity type's definitions by key, memoised for the transaction (every record write checks them); see tx-memo.ts. */
export async function findEntityDefinitionRows(ctx: Ctx, entityType: CustomFieldEntityType): Promise<DefinitionRow[]> {
  return memoInTransaction(ctx, `${DEFINITIONS_MEMO}${entityType}`, () => findDefinitionRows(ctx, { entityType }));
}

export async function countDefinitions(ctx: Ctx, entityType: CustomFieldEntityType): Promise<number> {
  const row = await customFieldsDb(ctx)
    .selectFrom('custom_field_definitions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('entity_type', '=', entityType)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type DefinitionColumns = Omit<Insertable<CustomFieldDefinitionsTable>, 'version'>;

export async function insertDefinition(tx: TxCtx, row: DefinitionColumns): Promise<DefinitionRow> {
  let inserted: DefinitionRow;
  forgetInTransaction(tx, DEFINITIONS_MEMO);
  try {
    inserted = await customFieldsDb(tx).insertInto('custom_field_definitions').values({ ...row, version: 1 }).returningAll().executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    throw new AppError('conflict', `Custom field ${row.key} already exists for ${row.entity_type}`, {
      fieldErrors: [{ field: 'body.key', message: 'already in use for this entity type' }],
      cause: error,
    });
  }
  await recordAudit(tx, { action: 'create', entityType: 'custom_field_definition', entityId: auditId(row), before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock and has checked the version. */
export async function updateDefinitionRow(tx: TxCtx, before: DefinitionRow, changes: Omit<Updateable<CustomFieldDefinitionsTable>, 'version'>): Promise<DefinitionRow> {
  forgetInTransaction(tx, DEFINITIONS_MEMO);
  const after = await customFieldsDb(tx)
    .updateTable('custom_field_definitions')
    .set({ ...changes, version: before.version + 1 })
    .where('entity_type', '=', before.entity_type)
    .where('key', '=', before.key)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  assert(after, `custom field ${auditId(before)} changed under a row lock`);
  await recordAudit(tx, { action: 'update', entityType: 'custom_field_definition', entityId: auditId(before), before, after });
  return after;
}

export function versionConflict(id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `Custom field ${id} is at version ${currentVersion}, not ${expectedVersion}`, { extra: { currentVersion } });
}
