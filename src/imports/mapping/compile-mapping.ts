import type { TargetAdapter } from '../targets/adapter.ts';
import { entityRank, type EntityName, type FieldKind } from '../targets/entities.ts';
import { prepareSettings, type CompiledField, type RowSettings } from './convert-value.ts';
import { MappingError } from './mapping-error.ts';
import { checkDateFormat } from './parse-date.ts';
import { effectiveSettings, type ExternalIdSpec, type FallbackSpec, type FieldSpec, type FileSpec, type Mapping, type RecordSpec } from './schema.ts';

export type CompiledRecord = {
  entity: EntityName;
  adapter: TargetAdapter;
  externalId: ExternalIdSpec;
  when: RecordSpec['when'];
  fields: CompiledField[];
  /** Custom fields ("customFields.<key>"), typed by their spec's `type` (text unless told). */
  customFields: CompiledField[];
};

export type CompiledFile = {
  index: number;
  spec: FileSpec;
  settings: RowSettings;
  records: CompiledRecord[];
  skip: string | null;
  /** The smallest entity rank of its records: files run in this order. */
  rank: number;
  /** Columns the mapping reads that must be in the file's header. */
  requiredColumns: string[];
};

export type CompiledMapping = { mapping: Mapping; files: CompiledFile[] };

const CUSTOM_PREFIX = 'customFields.';
const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** Checks a parsed mapping against the import targets and prepares it to run; throws MappingError. */
export function compileMapping(mapping: Mapping, adapters: ReadonlyMap<EntityName, TargetAdapter>): CompiledMapping {
  const files = mapping.files.map((file, index) => compileFile(mapping, file, index, adapters));
  return { mapping, files };
}

function compileFile(mapping: Mapping, spec: FileSpec, index: number, adapters: ReadonlyMap<EntityName, TargetAdapter>): CompiledFile {
  const path = `files[${index}]`;
  const settings = prepareSettings(effectiveSettings(mapping, spec));
  for (const key of ['dateFormat', 'datetimeFormat'] as const) {
    const problem = checkDateFormat(settings[key]);
    if (problem) throw new MappingError(spec[key] ? `${path}.${key}` : `defaults.${key}`, problem);
  }
  if (settings.decimalSeparator === settings.thousandsSeparator) {
    const inFile = spec.thousandsSeparator !== undefined || spec.decimalSeparator !== undefined;
    throw new MappingError(inFile ? `${path}.thousandsSeparator` : 'defaults.thousandsSeparator', 'must differ from decimalSeparator');
  }
  const records = (spec.records ?? []).map((record, i) => compileRecord(record, `${path}.records[${i}]`, settings, adapters));
  if (records.length > 0 && records.every((r) => r.when)) throw new MappingError(`${path}.records`, 'at least one record must be made for every row (without when)');
  const requiredColumns = new Set<string>();
  for (const record of records) {
    for (const field of [...record.fields, ...record.customFields]) for (const column of columnsOf(field.spec)) requiredColumns.add(column);
    for (const column of externalIdColumns(record.externalId)) requiredColumns.add(column);
    if (record.when) requiredColumns.add(record.when.column);
  }
  return {
    index, spec, settings, records, skip: spec.skip ?? null,
    rank: records.length === 0 ? -1 : Math.min(...records.map((r) => entityRank(r.entity))),
    requiredColumns: [...requiredColumns],
  };
}

function compileRecord(spec: RecordSpec, path: string, settings: RowSettings, adapters: ReadonlyMap<EntityName, TargetAdapter>): CompiledRecord {
  const adapter = adapters.get(spec.entity);
  if (!adapter) throw new MappingError(`${path}.entity`, `${spec.entity} cannot be imported yet: its domain does not offer an import target`);
  const fields: CompiledField[] = [];
  const customFields: CompiledField[] = [];
  for (const [target, raw] of Object.entries(spec.fields)) {
    const fieldPath = `${path}.fields.${target}`;
    const fieldSpec: FieldSpec = typeof raw === 'string' ? { column: raw } : raw;
    if (target.startsWith(CUSTOM_PREFIX)) {
      if (!adapter.customFields) throw new MappingError(fieldPath, `${spec.entity} has no custom fields`);
      if (!CUSTOM_KEY.test(target.slice(CUSTOM_PREFIX.length))) throw new MappingError(fieldPath, 'custom field keys are snake_case, at most 63 characters');
      customFields.push(compileField(target, customKind(fieldSpec), fieldSpec, fieldPath, settings));
      continue;
    }
    const kind = adapter.fields[target];
    if (!kind) throw new MappingError(fieldPath, `not a field of ${spec.entity} (fields: ${Object.keys(adapter.fields).join(', ')}${adapter.customFields ? ', customFields.<key>' : ''})`);
    if (fieldSpec.type) throw new MappingError(`${fieldPath}.type`, 'type is for custom fields; this field is typed by its target');
    fields.push(compileField(target, kind, fieldSpec, fieldPath, settings));
  }
  for (const required of adapter.required) {
    if (fields.some((f) => f.target === required)) continue;
    if (adapter.fields[required] === 'currency' && settings.currency) {
      fields.push(compileField(required, 'currency', { value: settings.currency }, `${path}.fields.${required}`, settings));
      continue;
    }
    throw new MappingError(`${path}.fields`, `${spec.entity} needs ${adapter.required.join(', ')}; ${required} is not mapped`);
  }
  return { entity: spec.entity, adapter, externalId: spec.externalId, when: spec.when, fields, customFields };
}

function customKind(spec: FieldSpec): FieldKind {
  return spec.type === undefined || spec.type === 'text' ? 'text' : spec.type;
}

function compileField(target: string, kind: FieldKind, spec: FieldSpec | FallbackSpec, path: string, settings: RowSettings): CompiledField {
  if (spec.format !== undefined) {
    const problem = checkDateFormat(spec.format);
    if (problem) throw new MappingError(`${path}.format`, problem);
  }
  if (kind === 'money' && !spec.currency && !spec.currencyColumn && !settings.currency) {
    throw new MappingError(path, 'an amount needs a currency: set currency, currencyColumn or defaults.currency');
  }
  if (spec.through !== undefined && typeof kind !== 'object') throw new MappingError(`${path}.through`, 'only a reference field (an id of another record) can be reached through another record');
  if (spec.transform === 'monthsBefore' && !spec.referenceDate) throw new MappingError(`${path}.referenceDate`, 'monthsBefore counts back from a referenceDate (YYYY-MM-DD)');
  let matcher: RegExp | null = null;
  if (spec.match !== undefined) {
    try {
      matcher = new RegExp(spec.match);
    } catch (error) {
      throw new MappingError(`${path}.match`, `not a regular expression: ${(error as Error).message}`);
    }
  }
  const foldedValues = spec.values ? new Map(Object.entries(spec.values).map(([k, v]) => [k.toLowerCase(), v])) : null;
  const label = spec.columns ? spec.columns.join('+') : (spec.column ?? (spec.template ? templateColumns(spec.template).join('+') : '')) || target;
  // A fallback amount is in the field's currency unless it names its own.
  const inherited = { ...(spec.currency ? { currency: spec.currency } : {}), ...(spec.currencyColumn ? { currencyColumn: spec.currencyColumn } : {}) };
  const fallback = 'fallback' in spec && spec.fallback ? compileField(target, kind, { ...inherited, ...spec.fallback }, `${path}.fallback`, settings) : null;
  return { target, kind, spec, label, matcher, foldedValues, fallback };
}

function templateColumns(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] ?? '').filter((column) => !column.startsWith('#'));
}

function columnsOf(spec: FieldSpec | FallbackSpec): string[] {
  if (spec.optional) return [];
  const columns = [...(spec.columns ?? (spec.column ? [spec.column] : [])), ...(spec.template ? templateColumns(spec.template) : [])];
  if (spec.currencyColumn) columns.push(spec.currencyColumn);
  if (spec.offset) columns.push(spec.offset.column);
  if (spec.onlyIf) columns.push(spec.onlyIf.column);
  if ('fallback' in spec && spec.fallback) columns.push(...columnsOf(spec.fallback));
  return columns;
}

export function externalIdColumns(spec: ExternalIdSpec): string[] {
  if (typeof spec === 'string') return [spec];
  if ('columns' in spec) return spec.columns;
  if ('column' in spec) return [spec.column];
  return [];
}
