import type { MergeEntitySpec } from './merge-entities.ts';
import type { RecordRow } from './record-writes.ts';

/** What a merge filled on the survivor, stored in record_merges.filled_fields and cleared on unmerge. */
export type FilledFields = { columns: Record<string, unknown>; customFields: Record<string, unknown> };

function customFieldsOf(row: RecordRow): Record<string, unknown> {
  return (row['custom_fields'] ?? {}) as Record<string, unknown>;
}

/** What the merged record can add to the survivor: its values where the survivor has none. */
export function fieldsToFill(spec: MergeEntitySpec, survivor: RecordRow, merged: RecordRow): FilledFields {
  const columns: Record<string, unknown> = {};
  for (const column of spec.fillable) {
    if (survivor[column] === null && merged[column] !== null) columns[column] = merged[column];
  }
  const ours = customFieldsOf(survivor);
  const customFields: Record<string, unknown> = {};
  // Only absent keys: a key the survivor holds as null was cleared on purpose.
  for (const [key, value] of Object.entries(customFieldsOf(merged))) {
    if (!(key in ours)) customFields[key] = value;
  }
  return { columns, customFields };
}

/** The survivor's custom fields with the filled keys added. */
export function customFieldsWith(survivor: RecordRow, filled: FilledFields): Record<string, unknown> {
  return { ...customFieldsOf(survivor), ...filled.customFields };
}

/**
 * What unmerge clears: each filled value still as the merge left it. A value someone has changed
 * since is theirs now and stays.
 */
export function fieldsToClear(current: RecordRow, filled: FilledFields): { columns: Record<string, null>; customFields: Record<string, unknown> } {
  const columns: Record<string, null> = {};
  for (const [column, value] of Object.entries(filled.columns)) {
    if (sameValue(current[column], value)) columns[column] = null;
  }
  const customFields = { ...customFieldsOf(current) };
  for (const [key, value] of Object.entries(filled.customFields)) {
    if (key in customFields && sameValue(customFields[key], value)) delete customFields[key];
  }
  return { columns, customFields };
}

/** Filled values went through JSON (record_merges.filled_fields): compare in that form. */
function sameValue(current: unknown, filled: unknown): boolean {
  return JSON.stringify(current) === JSON.stringify(filled);
}

/**
 * "domain", "customFields.tier": the names reported for what was filled, columns in the spec's
 * order and custom fields by key (jsonb keeps its own key order, so stored order means nothing).
 */
export function filledFieldNames(spec: MergeEntitySpec, filled: FilledFields): string[] {
  const columns = spec.fillable.filter((column) => column in filled.columns);
  return [...columns, ...Object.keys(filled.customFields).sort().map((key) => `customFields.${key}`)];
}
