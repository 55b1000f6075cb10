import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { MappedRecord, RowProblem } from '../mapping/map-row.ts';
import { keyOf, updateImportKeyLinks, type Links, type NewImportKey } from '../repo.ts';
import type { TargetRecord } from '../targets/adapter.ts';
import type { EntityName } from '../targets/entities.ts';
import type { KeyMap } from './key-map.ts';
import type { RowPlaces } from './row-places.ts';
import type { Outcome } from './tally.ts';
import type { BatchScope, PendingRow } from './write-batch.ts';

export type RowOutcomes = Array<{ entity: EntityName; outcome: Outcome }>;
export type RowCheck = { kind: 'ready' } | { kind: 'deferred' } | { kind: 'rejected'; problems: RowProblem[] };

/**
 * Before anything is written: every reference must resolve (to a known record or an earlier record
 * of the same row), else the row waits for the retry (or, on the retry, is rejected); and no
 * record may repeat an external id already read in this run, else the row is a duplicate.
 */
export function checkRow(row: PendingRow, ids: KeyMap, finalPass: boolean, places: RowPlaces): RowCheck {
  const problems: RowProblem[] = [];
  const madeByRow = new Set<string>();
  let waits = false;
  for (const record of row.records) {
    const key = keyOf(record.entity, record.externalId);
    if (!record.shared && ids.wasRead(key)) {
      problems.push({ field: record.externalIdLabel, value: record.externalId, reason: `duplicate: ${record.entity} ${record.externalId} appears earlier in this import` });
    }
    for (const ref of record.refs) {
      const refKey = keyOf(ref.entity, ref.externalId);
      if (refKey === key && !ids.has(key)) {
        // It would wait for itself for ever (a new account as its own parent).
        problems.push({ field: ref.label, value: ref.externalId, reason: `${ref.entity} ${ref.externalId} refers to itself` });
        continue;
      }
      if (ids.has(refKey) || madeByRow.has(refKey)) continue;
      if (!finalPass) waits = true;
      else problems.push({ field: ref.label, value: ref.externalId, reason: `${ref.entity} ${ref.externalId} not found${places.whyMissing(refKey)}` });
    }
    madeByRow.add(key);
  }
  if (waits && problems.length === 0) return { kind: 'deferred' };
  return problems.length > 0 ? { kind: 'rejected', problems } : { kind: 'ready' };
}

/** The record with its references replaced by what the adapter takes (Revline id or external id). */
export function targetOf(scope: BatchScope, record: MappedRecord, ids: KeyMap): TargetRecord {
  // Nothing to resolve: the mapped values are the target's (read-only for adapters), no copy needed.
  if (record.refs.length === 0) return { sourceSystem: scope.sourceSystem, externalId: record.externalId, values: record.values, customFields: record.customFields };
  const values = { ...record.values };
  for (const ref of record.refs) {
    const key = keyOf(ref.entity, ref.externalId);
    values[ref.field] = ref.keep === 'externalId' ? ref.externalId : ref.link ? (ids.linksOf(key)?.[ref.link] ?? null) : (ids.get(key) ?? null);
  }
  return { sourceSystem: scope.sourceSystem, externalId: record.externalId, values, customFields: record.customFields };
}

/** Writes the row's records in order through their adapters; new keys are collected for one insert. */
export async function writeRow(tx: TxCtx, scope: BatchScope, row: PendingRow, ids: KeyMap, newKeys: NewImportKey[]): Promise<RowOutcomes> {
  const outcomes: RowOutcomes = [];
  for (const record of row.records) {
    const adapter = scope.adapters.get(record.entity);
    if (!adapter) throw new Error(`Assertion failed: no adapter for ${record.entity} passed mapping compilation`);
    const target = targetOf(scope, record, ids);
    const key = keyOf(record.entity, record.externalId);
    const existing = ids.get(key);
    const sharedAgain = record.shared && existing !== undefined && ids.wasRead(key);
    ids.markRead(key);
    try {
      if (sharedAgain) {
        // A record every row names (one campaign for the file) is written by the first row of the run.
        outcomes.push({ entity: record.entity, outcome: 'unchanged' });
      } else if (existing !== undefined && ids.isMerged(key)) {
        // The source record stands for a record that exists under another identity: left as it is.
        outcomes.push({ entity: record.entity, outcome: 'merged' });
      } else if (existing !== undefined) {
        const outcome = await adapter.update(tx, existing, target);
        if (outcome === 'updated') await followLinks(tx, scope, ids, record, linksOf(record, target));
        outcomes.push({ entity: record.entity, outcome });
      } else {
        const created = await adapter.create(tx, target);
        const links = linksOf(record, target);
        ids.set(key, created.id, created.merged, links);
        newKeys.push({ entity: record.entity, externalId: record.externalId, recordId: created.id, merged: created.merged, links });
        outcomes.push({ entity: record.entity, outcome: created.merged ? 'merged' : 'created' });
      }
    } catch (error) {
      throw new RecordWriteError(record, error);
    }
  }
  return outcomes;
}

/** The Revline ids the record's references resolved to: what a later row may reach `through` it. */
export function linksOf(record: MappedRecord, target: TargetRecord): Links {
  if (record.refs.length === 0) return NO_LINKS;
  const links: Record<string, string> = {};
  for (const ref of record.refs) {
    const value = target.values[ref.field];
    if (ref.keep === 'id' && typeof value === 'string') links[ref.field] = value;
  }
  return links;
}

const NO_LINKS: Links = Object.freeze({});

export async function followLinks(tx: TxCtx, scope: BatchScope, ids: KeyMap, record: MappedRecord, links: Links): Promise<void> {
  const key = keyOf(record.entity, record.externalId);
  const before = ids.linksOf(key) ?? {};
  const same = Object.keys(links).length === Object.keys(before).length && Object.entries(links).every(([k, v]) => before[k] === v);
  if (same) return;
  await updateImportKeyLinks(tx, scope.sourceSystem, { entity: record.entity, externalId: record.externalId }, links);
  ids.setLinks(key, links);
}

export class RecordWriteError extends Error {
  constructor(readonly record: MappedRecord, override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** A domain's refusal → report lines naming the source column behind each field the domain named. */
export function problemsOf(error: unknown, row: PendingRow, tx: TxCtx): RowProblem[] {
  const record = error instanceof RecordWriteError ? error.record : null;
  const cause = error instanceof RecordWriteError ? error.cause : error;
  const what = record ? `${record.entity} ${record.externalId}` : 'row';
  if (!(cause instanceof AppError)) {
    // Not a domain rule: log it with context, but still reject only this row (STYLE: one bad row never stops the run).
    tx.log.error({ err: cause, file: row.fileName, line: row.line }, 'import: unexpected error writing a row');
    return [{ field: '', value: '', reason: `${what}: unexpected error: ${cause instanceof Error ? cause.message : String(cause)}` }];
  }
  if (cause.fieldErrors.length === 0) return [{ field: '', value: '', reason: `${what}: ${cause.detail ?? cause.message}` }];
  return cause.fieldErrors.map((fieldError) => {
    const target = targetFieldOf(fieldError.field);
    const label = record?.labels[target] ?? target;
    return { field: label, value: row.values[label] ?? '', reason: `${record?.entity ?? 'record'}.${target}: ${fieldError.message}` };
  });
}

/** "body.name" → "name"; "body.customFields.arr" → "customFields.arr" (custom fields are labelled per key). */
function targetFieldOf(field: string): string {
  const parts = field.replace(/^body\./, '').split('.');
  return parts[0] === 'customFields' && parts[1] !== undefined ? `customFields.${parts[1]}` : (parts[0] ?? '');
}
