import type { Ctx } from '../../shared/context.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findDefinitionRows, getDefinitionRow, toDefinition } from './repo.ts';
import { listDefinitionsQuerySchema, type CustomFieldDefinition, type CustomFieldEntityType, type ListDefinitionsQuery } from './schema.ts';

/**
 * Definitions matching the filters, grouped by entity type. Not paged: at most
 * MAX_DEFINITIONS_PER_ENTITY per type, and forms need all of a type's fields at once.
 */
export async function listDefinitions(ctx: Ctx, query: ListDefinitionsQuery = {}): Promise<{ data: CustomFieldDefinition[]; nextCursor: null }> {
  const { sort, ...filter } = parseInput(listDefinitionsQuerySchema, query, 'querystring');
  const rows = await findDefinitionRows(ctx, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), sort);
  return { data: rows.map(toDefinition), nextCursor: null };
}

export async function getDefinition(ctx: Ctx, entityType: CustomFieldEntityType, key: string): Promise<CustomFieldDefinition> {
  return toDefinition(await getDefinitionRow(ctx, entityType, key));
}
