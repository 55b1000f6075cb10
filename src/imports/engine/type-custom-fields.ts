import { listDefinitions, type CustomFieldType } from '../../crm/index.ts';
import type { Ctx } from '../../shared/context.ts';
import type { CompiledField, RowSettings } from '../mapping/convert-value.ts';
import type { CompiledMapping } from '../mapping/compile-mapping.ts';
import type { FieldKind } from '../targets/entities.ts';

const PREFIX = 'customFields.';

/**
 * A custom field the mapping leaves untyped is read as its definition types it: a date field
 * with the mapping's date format, a number or money field with its decimal and thousands
 * separators. Read as text, "31.12.2026" or "1.234,56" would reach the definition's check as they
 * stand and be refused on every row, although the mapping said how to read them. A type the
 * mapping gives wins (it was checked when the mapping was compiled); money without a currency
 * anywhere in the mapping stays text, for the definition to accept "123.45 EUR".
 */
export async function typeCustomFieldsByDefinition(ctx: Ctx, compiled: CompiledMapping): Promise<CompiledMapping> {
  const untyped = compiled.files.some((file) => file.records.some((record) => record.customFields.some((field) => field.spec.type === undefined)));
  if (!untyped) return compiled;
  const definitions = (await listDefinitions(ctx, { active: true })).data;
  const typeOf = new Map(definitions.map((d) => [`${d.entityType}:${d.key}`, d.type]));
  return {
    ...compiled,
    files: compiled.files.map((file) => ({
      ...file,
      records: file.records.map((record) => ({
        ...record,
        customFields: record.customFields.map((field) => retyped(field, typeOf.get(`${record.entity}:${field.target.slice(PREFIX.length)}`), file.settings)),
      })),
    })),
  };
}

function retyped(field: CompiledField, type: CustomFieldType | undefined, settings: RowSettings): CompiledField {
  if (field.spec.type !== undefined || type === undefined) return field;
  const kind = kindOf(type, field, settings);
  if (kind === null) return field;
  return { ...field, kind, fallback: field.fallback ? retypedFallback(field.fallback, kind) : null };
}

function retypedFallback(fallback: CompiledField, kind: FieldKind): CompiledField {
  return { ...fallback, kind, fallback: fallback.fallback ? retypedFallback(fallback.fallback, kind) : null };
}

function kindOf(type: CustomFieldType, field: CompiledField, settings: RowSettings): FieldKind | null {
  switch (type) {
    case 'date': return 'date';
    case 'number': return 'decimal';
    case 'money': return field.spec.currency || field.spec.currencyColumn || settings.currency ? 'money' : null;
    case 'text':
    case 'picklist': return null;
  }
}
