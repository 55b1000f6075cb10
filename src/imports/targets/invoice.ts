import { getInvoice, upsertImportedInvoice, type ImportInvoiceInput } from '../../billing/index.ts';
import type { MappedValue } from '../mapping/convert-value.ts';
import type { TargetAdapter, TargetRecord } from './adapter.ts';
import type { FieldKind } from './entities.ts';
import { currencyOf, minorIn } from './money-fields.ts';

const FIELDS = {
  accountId: { ref: 'account' },
  /** Billing links an invoice to the subscription imported from the same source by its external id. */
  subscriptionExternalId: { ref: 'subscription', keep: 'externalId' },
  number: 'text',
  status: 'text',
  currency: 'currency',
  issueDate: 'date',
  dueDate: 'date',
  periodStartDate: 'date',
  periodEndDate: 'date',
  subtotal: 'money',
  discount: 'money',
  tax: 'money',
  total: 'money',
  amountPaid: 'money',
  amountDue: 'money',
  issuedAt: 'instant',
  paidAt: 'instant',
  voidedAt: 'instant',
} as const satisfies Record<string, FieldKind>;
const SCALARS = ['accountId', 'subscriptionExternalId', 'number', 'status', 'issueDate', 'dueDate', 'periodStartDate', 'periodEndDate', 'issuedAt', 'paidAt', 'voidedAt'] as const;
const AMOUNTS = ['subtotal', 'discount', 'tax', 'total', 'amountPaid', 'amountDue'] as const;

/** Issued invoices from another billing system, stored as they are (billing checks the arithmetic). */
export const invoiceAdapter: TargetAdapter = {
  entity: 'invoice',
  fields: FIELDS,
  required: ['accountId', 'number', 'issueDate', 'subtotal'],
  customFields: false,
  async create(tx, record) {
    const result = await upsertImportedInvoice(tx, toInput(record));
    return { id: result.record.id, merged: false };
  },
  async update(tx, id, record) {
    await getInvoice(tx, id);
    const result = await upsertImportedInvoice(tx, toInput(record));
    return result.outcome === 'unchanged' ? 'unchanged' : 'updated';
  },
};

function toInput(record: TargetRecord): ImportInvoiceInput {
  const values = record.values;
  const currency = currencyOf(values, AMOUNTS) ?? '';
  const input: Record<string, MappedValue | bigint> = { sourceSystem: record.sourceSystem, externalId: record.externalId, currency };
  for (const key of SCALARS) if (values[key] !== undefined && values[key] !== null) input[key] = values[key];
  for (const key of AMOUNTS) {
    const minor = minorIn(values[key], currency, key);
    if (minor !== undefined) input[`${key}Minor`] = minor;
  }
  return input as unknown as ImportInvoiceInput;
}
