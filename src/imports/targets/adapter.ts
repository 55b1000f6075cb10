import type { CustomFieldValue } from '../../crm/index.ts';
import type { TxCtx } from '../../shared/context.ts';
import type { MappedValue } from '../mapping/convert-value.ts';
import type { EntityName, FieldKind } from './entities.ts';

/**
 * A custom field value as the CRM takes it (text, number, true/false, money as
 * {amountMinor, currency}, null): the owning service checks it against the entity's definitions,
 * so a value its definition refuses rejects the row, naming the field.
 */
export type { CustomFieldValue };

/**
 * One record, mapped and with its references resolved to Revline ids. `values` holds exactly the
 * fields the mapping sets (null included): fields it does not map are left alone on update.
 */
export type TargetRecord = {
  sourceSystem: string;
  externalId: string;
  values: Readonly<Record<string, MappedValue>>;
  /** Mapped custom fields; merged into the record's own on update, so keys set in Revline survive. */
  customFields: Readonly<Record<string, CustomFieldValue>> | null;
};

export type UpdateOutcome = 'updated' | 'unchanged';
/** merged: the domain found the record already there under another identity (same e-mail) and the key now points at it. */
export type CreateResult = { id: string; merged: boolean };

/**
 * How the engine writes one entity: through the owning domain's public functions, in the caller's
 * transaction (tx), so the domain's rules, audit rows and events apply as for any other write.
 * An update that changes nothing must write nothing and answer 'unchanged'.
 */
export type TargetAdapter = {
  entity: EntityName;
  fields: Readonly<Record<string, FieldKind>>;
  /** Fields every mapping of this entity must set (a 'currency' field may come from the file's default currency). */
  required: readonly string[];
  /** Whether the record keeps custom fields: mappings may then target "customFields.<key>". */
  customFields: boolean;
  create(tx: TxCtx, record: TargetRecord): Promise<CreateResult>;
  update(tx: TxCtx, id: string, record: TargetRecord): Promise<UpdateOutcome>;
  /**
   * Optional bulk door for high-volume leaf entities (nothing references them): a whole batch in
   * a few statements. existingId is the record the key already points at, if any.
   */
  writeMany?(tx: TxCtx, items: ReadonlyArray<{ record: TargetRecord; existingId: string | undefined }>): Promise<BulkWriteResult[]>;
};

export type BulkWriteResult = { id: string; outcome: 'created' | UpdateOutcome };

/** The mapped values of the given fields, in the shape domain inputs take (Money objects as they are). */
export function mappedFields<K extends string>(record: TargetRecord, keys: readonly K[]): Partial<Record<K, MappedValue>> {
  const picked: Partial<Record<K, MappedValue>> = {};
  for (const key of keys) if (Object.hasOwn(record.values, key)) picked[key] = record.values[key] ?? null;
  return picked;
}

/** The record's custom fields after the import: the stored ones with the mapped ones laid over them. */
export function mergedCustomFields<V>(stored: Readonly<Record<string, V>>, record: TargetRecord): Record<string, V | CustomFieldValue> {
  return { ...stored, ...(record.customFields ?? {}) };
}
