import type { Ctx } from '../../shared/context.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import { normalizeValue } from './normalize-value.ts';
import { findEntityDefinitionRows } from './repo.ts';
import type { CustomFieldEntityType, CustomFieldValues, DefinitionRow } from './schema.ts';

export type ValidateCustomFieldsOptions = {
  /** true: only the keys given are checked (a merge); false: `values` is the record's whole set. */
  partial: boolean;
  /** Where field errors point; services called from a route keep the default. */
  fieldPrefix?: string;
};

/**
 * Checks a record's custom field values against the definitions of its entity type and returns
 * them normalized (numbers as canonical decimal strings, money as {amountMinor, currency}, dates
 * as YYYY-MM-DD, picklist values spelt as the option). All problems are reported together as
 * `body.customFields.<key>`.
 *
 * Rules:
 * - No definition at all for the entity type: the values pass through unchanged (scalars only),
 *   so records keep working until an admin defines fields. The first definition turns checking on.
 * - Then a key without a definition is refused ("unknown custom field"), whether active or not.
 * - Inactive definitions still accept and check their values (records that carry them round-trip)
 *   but are never required.
 * - null means "no value". Whole set (partial false): nulls are dropped from the result and every
 *   active required field must have a value. Partial: nulls are kept so the caller's merge removes
 *   the key; a null for a required field is refused, absent keys are not checked.
 */
export async function validateCustomFields(
  ctx: Ctx,
  entityType: CustomFieldEntityType,
  values: Readonly<Record<string, unknown>>,
  options: ValidateCustomFieldsOptions,
): Promise<CustomFieldValues> {
  return (await loadCustomFieldChecker(ctx, entityType))(values, options);
}

/** validateCustomFields with the definitions read once: for bulk writers checking many records of one type. */
export type CustomFieldChecker = (values: Readonly<Record<string, unknown>>, options: ValidateCustomFieldsOptions) => CustomFieldValues;

export async function loadCustomFieldChecker(ctx: Ctx, entityType: CustomFieldEntityType): Promise<CustomFieldChecker> {
  const definitions = await findEntityDefinitionRows(ctx, entityType);
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  return (values, options) => {
    const prefix = options.fieldPrefix ?? 'body.customFields';
    const { result, errors } = definitions.length === 0 ? checkUndefined(values, prefix) : checkDefined(byKey, values, options.partial, prefix);
    if (errors.length > 0) {
      throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
    }
    return result;
  };
}

type Outcome = { result: CustomFieldValues; errors: FieldError[] };

function checkUndefined(values: Readonly<Record<string, unknown>>, prefix: string): Outcome {
  const result: CustomFieldValues = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (scalar) result[key] = value as CustomFieldValues[string];
    else errors.push({ field: `${prefix}.${key}`, message: 'no custom fields are defined for this record type; only text, numbers and true/false are stored as given' });
  }
  return { result, errors };
}

function checkDefined(definitions: ReadonlyMap<string, DefinitionRow>, values: Readonly<Record<string, unknown>>, partial: boolean, prefix: string): Outcome {
  const result: CustomFieldValues = {};
  const errors: FieldError[] = [];
  const fail = (key: string, message: string) => errors.push({ field: `${prefix}.${key}`, message });
  for (const [key, value] of Object.entries(values)) {
    const definition = definitions.get(key);
    if (!definition) fail(key, 'unknown custom field');
    else if (value === null || value === undefined) {
      if (definition.required && definition.active) fail(key, 'required');
      else if (partial) result[key] = null;
    } else {
      const normalized = normalizeValue(definition.type, value, definition.picklist_options as string[] | null);
      if (normalized.ok) result[key] = normalized.value;
      else fail(key, normalized.message);
    }
  }
  if (!partial) {
    for (const definition of definitions.values()) {
      if (definition.required && definition.active && !(definition.key in values)) fail(definition.key, 'required');
    }
  }
  return { result, errors };
}

/** Applies a partial, validated set to the stored one: null removes a key. */
export function mergeCustomFields(stored: Readonly<CustomFieldValues>, changes: Readonly<CustomFieldValues>): CustomFieldValues {
  const merged: CustomFieldValues = { ...stored, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === null) delete merged[key];
  return merged;
}
