import {
  createAccount, getAccount, importAccounts, updateAccount, type AccountImportItem, type CreateAccountInput, type UpdateAccountInput,
} from '../../crm/index.ts';
import type { TxCtx } from '../../shared/context.ts';
import { mappedFields, mergedCustomFields, type TargetAdapter, type TargetRecord } from './adapter.ts';
import type { FieldKind } from './entities.ts';
import { updateByVersion } from './field-values.ts';

const FIELDS = {
  name: 'text',
  domain: 'text',
  parentAccountId: { ref: 'account' },
  segment: 'text',
  industry: 'text',
  country: 'text',
  employeeBand: 'text',
  currency: 'currency',
  customerSinceDate: 'date',
  taxId: 'text',
  billingAddress: 'text',
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;

/** mappedFields with the record's identity, built as one object (an import creates one per row). */
function createInput(record: TargetRecord): CreateAccountInput {
  const input: Record<string, unknown> = {};
  for (const key of KEYS) if (Object.hasOwn(record.values, key)) input[key] = record.values[key] ?? null;
  input['customFields'] = record.customFields ?? {};
  input['sourceSystem'] = record.sourceSystem;
  input['externalId'] = record.externalId;
  return input as CreateAccountInput;
}

/**
 * Accounts through crm's createAccount/updateAccount, or importAccounts for whole batches (the
 * same rules, set-wise): domain normalisation, custom-field definitions, hierarchy checks and
 * audit apply either way.
 */
export const accountAdapter: TargetAdapter = {
  entity: 'account',
  fields: FIELDS,
  required: ['name', 'currency'],
  customFields: true,
  async create(tx: TxCtx, record: TargetRecord) {
    return { id: (await createAccount(tx, createInput(record))).id, merged: false };
  },
  async update(tx: TxCtx, id: string, record: TargetRecord) {
    const before = await getAccount(tx, id);
    const changes = { ...mappedFields(record, KEYS), customFields: mergedCustomFields(before.customFields, record) } as UpdateAccountInput;
    return updateByVersion(before, changes, (expectedVersion) => updateAccount(tx, { id, expectedVersion, changes }));
  },
  async writeMany(tx, items) {
    const accountItems = items.map(({ record, existingId }): AccountImportItem => (existingId === undefined
      ? { kind: 'create', input: createInput(record) }
      : { kind: 'update', id: existingId, changes: mappedFields(record, KEYS) as UpdateAccountInput, customFieldsOverlay: record.customFields }));
    return importAccounts(tx, accountItems);
  },
};
