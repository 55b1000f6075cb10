import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { countDefinitions, insertDefinition, toDefinition } from './repo.ts';
import { createDefinitionSchema, MAX_DEFINITIONS_PER_ENTITY, type CreateDefinitionInput, type CustomFieldDefinition } from './schema.ts';

/**
 * Defines a custom field. The first definition for an entity type switches that type's records
 * to checked custom fields (see validate-custom-fields.ts): keys without a definition are then refused.
 */
export async function createDefinition(ctx: Ctx, input: CreateDefinitionInput): Promise<CustomFieldDefinition> {
  const parsed = parseInput(createDefinitionSchema, input);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    if ((await countDefinitions(tx, parsed.entityType)) >= MAX_DEFINITIONS_PER_ENTITY) {
      throw new AppError('business_rule_violated', `A ${parsed.entityType} has at most ${MAX_DEFINITIONS_PER_ENTITY} custom fields`);
    }
    const row = await insertDefinition(tx, {
      entity_type: parsed.entityType,
      key: parsed.key,
      label: parsed.label,
      type: parsed.type,
      picklist_options: parsed.picklistOptions === null ? null : JSON.stringify(parsed.picklistOptions),
      required: parsed.required,
      active: parsed.active,
      created_at: now,
      updated_at: now,
    });
    return toDefinition(row);
  });
}
