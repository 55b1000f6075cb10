import { createAccount, getAccount, updateAccount, type CreateAccountInput, type UpdateAccountInput } from '../../crm/index.ts';
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
} as const satisfies Record<string, FieldKind>;
const KEYS = Object.keys(FIELDS) as Array<keyof typeof FIELDS>;

/** Accounts through crm's createAccount/updateAccount: domain normalisation, hierarchy checks and audit apply. */
export const accountAdapter: TargetAdapter = {
  entity: 'account',
  fields: FIELDS,
  required: ['name', 'currency'],
  customFields: true,
  async create(tx: TxCtx, record: TargetRecord) {
    const input = {
      ...mappedFields(record, KEYS),
      customFields: record.customFields ?? {},
      sourceSystem: record.sourceSystem,
      externalId: record.externalId,
    } as CreateAccountInput;
    return { id: (await createAccount(tx, input)).id, merged: false };
  },
  async update(tx: TxCtx, id: string, record: TargetRecord) {
    const before = await getAccount(tx, id);
    const changes = { ...mappedFields(record, KEYS), customFields: mergedCustomFields(before.customFields, record) } as UpdateAccountInput;
    return updateByVersion(before, changes, (expectedVersion) => updateAccount(tx, { id, expectedVersion, changes }));
  },
};
