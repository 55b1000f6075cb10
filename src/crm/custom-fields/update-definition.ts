import { inTransaction, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/json.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { getDefinitionRow, toDefinition, updateDefinitionRow, versionConflict } from './repo.ts';
import { updateDefinitionSchema, type CustomFieldDefinition, type CustomFieldEntityType, type UpdateDefinitionInput } from './schema.ts';

export type UpdateDefinitionRequest = { entityType: CustomFieldEntityType; key: string; expectedVersion: number; changes: UpdateDefinitionInput };

/**
 * Label, picklist options, required and active. Records are not rewritten: a value whose option
 * was removed, or a newly required field left empty, is reported when that record's custom fields
 * are next written. Deactivating hides a field from "required" but keeps accepting its value, so
 * records that carry it still round-trip.
 */
export async function updateDefinition(ctx: Ctx, request: UpdateDefinitionRequest): Promise<CustomFieldDefinition> {
  const changes = parseInput(updateDefinitionSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await getDefinitionRow(tx, request.entityType, request.key, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(`${before.entity_type}.${before.key}`, before.version, request.expectedVersion);
    if (changes.picklistOptions !== undefined && before.type !== 'picklist') {
      throw new AppError('validation_failed', 'Only picklist fields have options', {
        fieldErrors: [{ field: 'body.picklistOptions', message: `a ${before.type} field has no options` }],
      });
    }
    const next = {
      label: changes.label ?? before.label,
      required: changes.required ?? before.required,
      active: changes.active ?? before.active,
      picklist_options: changes.picklistOptions === undefined ? before.picklist_options : changes.picklistOptions,
    };
    const same = next.label === before.label && next.required === before.required && next.active === before.active
      && canonicalJson(next.picklist_options) === canonicalJson(before.picklist_options);
    if (same) return toDefinition(before);
    const after = await updateDefinitionRow(tx, before, {
      ...next,
      picklist_options: next.picklist_options === null ? null : JSON.stringify(next.picklist_options),
      updated_at: new Date(tx.clock.now().epochMilliseconds),
    });
    return toDefinition(after);
  });
}
