import { createHash } from 'node:crypto';
import type { CustomFieldValue } from '../targets/adapter.ts';
import type { EntityName, FieldKind } from '../targets/entities.ts';
import { moneyToJson } from '../../shared/money.ts';
import type { CompiledFile, CompiledRecord } from './compile-mapping.ts';
import { conditionHolds, convertField, rawValue, type MappedValue, type RowSettings } from './convert-value.ts';
import type { ExternalIdSpec } from './schema.ts';

/**
 * A reference by external id. `entity` is whose key the id is; with `link`, the value is not that
 * record but the record it links to under this name (a usage row's subscription's accountId).
 */
export type RecordRef = { field: string; entity: EntityName; externalId: string; label: string; keep: 'id' | 'externalId'; link: string | null };

/** One record a row makes: still keyed by external ids (its own and its references'). */
export type MappedRecord = {
  entity: EntityName;
  externalId: string;
  values: Record<string, MappedValue>;
  customFields: Record<string, CustomFieldValue> | null;
  refs: readonly RecordRef[];
  /** Source column per target field, for error reports (one object per compiled record, shared by its rows). */
  labels: Readonly<Record<string, string>>;
  /** The column(s) the external id came from, for error reports. */
  externalIdLabel: string;
  /** The external id is a constant of the mapping (one campaign for the whole file): many rows name it, none is its duplicate. */
  shared: boolean;
};

/** One line of the error report: field is the source column where there is one. */
export type RowProblem = { field: string; value: string; reason: string };

/** A refused row still names the records whose external id it could read: the engine remembers where they were. */
export type MappedRow = { ok: true; records: MappedRecord[] } | { ok: false; problems: RowProblem[]; records: MappedRecord[] };

/** A data row → the records it makes, or every problem found in it (all at once, so one fix pass suffices). */
export function mapRow(file: CompiledFile, row: Readonly<Record<string, string>>, where: { fileName: string; line: number }): MappedRow {
  const records: MappedRecord[] = [];
  const problems: RowProblem[] = [];
  for (const record of file.records) {
    if (record.when && !conditionHolds(record.when, row, file.settings)) continue;
    const mapped = mapRecord(record, row, file.settings, where, problems);
    if (mapped) records.push(mapped);
  }
  return problems.length > 0 ? { ok: false, problems, records } : { ok: true, records };
}

function mapRecord(
  record: CompiledRecord, row: Readonly<Record<string, string>>, settings: RowSettings, where: { fileName: string; line: number }, problems: RowProblem[],
): MappedRecord | null {
  const externalId = externalIdOf(record.externalId, row, settings, where);
  if (!externalId.ok) problems.push(externalId.problem);
  const values: Record<string, MappedValue> = {};
  let refs: RecordRef[] | null = null;
  const facts = factsOf(record);
  for (const field of record.fields) {
    const converted = convertField(field, row, settings, where);
    if (!converted.ok) {
      problems.push({ field: field.label, value: String(rawValue(field, row) ?? ''), reason: `${field.target}: ${converted.reason}` });
      continue;
    }
    values[field.target] = converted.value;
    if (typeof field.kind === 'object' && typeof converted.value === 'string') {
      const through = converted.through;
      (refs ??= []).push({ field: field.target, entity: through ?? field.kind.ref, externalId: converted.value, label: field.label, keep: field.kind.keep ?? 'id', link: through ? field.target : null });
    }
  }
  let customFields: Record<string, CustomFieldValue> | null = null;
  for (const field of record.customFields) {
    const converted = convertField(field, row, settings, where);
    if (!converted.ok) {
      problems.push({ field: field.label, value: String(rawValue(field, row) ?? ''), reason: `${field.target}: ${converted.reason}` });
      continue;
    }
    customFields ??= {};
    customFields[field.target.slice('customFields.'.length)] = customFieldValueOf(converted.value, field.kind);
  }
  if (!externalId.ok) return null;
  return { entity: record.entity, externalId: externalId.value, values, customFields, refs: refs ?? NO_REFS, labels: facts.labels, shared: facts.shared, externalIdLabel: facts.externalIdLabel };
}

const NO_REFS: readonly RecordRef[] = Object.freeze([]);

type RecordFacts = { labels: Readonly<Record<string, string>>; shared: boolean; externalIdLabel: string };
const FACTS = new WeakMap<CompiledRecord, RecordFacts>();

/**
 * What every row of a compiled record shares (the labels, the external id's label): built once
 * and shared, since a batch's mapped rows stay alive while it is written and each copy costs GC time.
 */
function factsOf(record: CompiledRecord): RecordFacts {
  const known = FACTS.get(record);
  if (known) return known;
  const labels: Record<string, string> = {};
  for (const field of [...record.fields, ...record.customFields]) labels[field.target] = field.label;
  const facts = {
    labels: Object.freeze(labels),
    shared: typeof record.externalId === 'object' && 'value' in record.externalId,
    externalIdLabel: externalIdLabelOf(record.externalId),
  };
  FACTS.set(record, facts);
  return facts;
}

/**
 * What a custom field stores: money in its JSON form; a decimal as a number while that is exact
 * (what a record without definitions shows), else as its decimal text so no digit is lost (a
 * "number" definition stores both as the canonical decimal string).
 */
function customFieldValueOf(value: MappedValue, kind: FieldKind): CustomFieldValue {
  if (typeof value === 'object' && value !== null) return moneyToJson(value);
  if (kind === 'decimal' && typeof value === 'string') {
    const number = Number(value);
    return canonicalDecimal(String(number)) === canonicalDecimal(value) ? number : value;
  }
  return value;
}

/** "-001.500" → "-1.5": plain decimals compared by value, not spelling. */
function canonicalDecimal(text: string): string {
  const match = /^(-?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(text);
  if (!match) return text;
  const integer = match[2] === '' ? '0' : (match[2] ?? '0');
  const fraction = match[3] ?? '';
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  return match[1] === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

type ExternalId = { ok: true; value: string } | { ok: false; problem: RowProblem };

const MAX_EXTERNAL_ID = 200;

/**
 * The record's key in its source system. Rows without a natural key use their line number
 * ("Leads.csv:42") or a hash of the whole row: both give the same key on every re-import of the
 * same file; docs/imports.md says which data sets use which, and what each costs.
 */
export function externalIdOf(spec: ExternalIdSpec, row: Readonly<Record<string, string>>, settings: RowSettings, where: { fileName: string; line: number }): ExternalId {
  let value: string;
  let label: string;
  if (typeof spec === 'string' || 'column' in spec) {
    const column = typeof spec === 'string' ? spec : spec.column;
    label = column;
    const text = cleaned(row[column], settings);
    value = text === '' ? '' : (typeof spec === 'string' ? '' : spec.prefix) + text;
  } else if ('columns' in spec) {
    label = spec.columns.join('+');
    const parts = spec.columns.map((c) => cleaned(row[c], settings));
    value = parts.some((p) => p === '') ? '' : spec.prefix + parts.join(spec.separator);
  } else if ('lineNumber' in spec) {
    return { ok: true, value: `${where.fileName}:${where.line}` };
  } else if ('rowHash' in spec) {
    return { ok: true, value: `sha256:${rowHash(row)}` };
  } else {
    return { ok: true, value: spec.value };
  }
  if (value === '') return { ok: false, problem: { field: label, value: '', reason: 'no external id: the key column is empty' } };
  if (value.length > MAX_EXTERNAL_ID) return { ok: false, problem: { field: label, value, reason: `the external id is longer than ${MAX_EXTERNAL_ID} characters` } };
  return { ok: true, value };
}

function externalIdLabelOf(spec: ExternalIdSpec): string {
  if (typeof spec === 'string') return spec;
  if ('column' in spec) return spec.column;
  if ('columns' in spec) return spec.columns.join('+');
  return '(external id)';
}

function cleaned(text: string | undefined, settings: RowSettings): string {
  const value = (text ?? '').trim();
  return settings.placeholderSet.has(value.toLowerCase()) ? '' : value;
}

/** Column order does not matter (keys sorted); 32 hex characters keep collisions out of reach for any file size. */
function rowHash(row: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify(Object.keys(row).sort().map((key) => [key, row[key]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
