import { upsertImportedPayment, type ImportPaymentInput } from '../../billing/index.ts';
import type { TargetAdapter, TargetRecord } from './adapter.ts';
import type { FieldKind } from './entities.ts';
import { minorIn } from './money-fields.ts';

const FIELDS = {
  accountId: { ref: 'account' },
  amount: 'money',
  receivedAt: 'instant',
  method: 'text',
  reference: 'text',
  status: 'text',
  /** The invoice (imported from the same source) the payment settles; the whole amount unless allocatedAmount says less. */
  invoiceExternalId: { ref: 'invoice', keep: 'externalId' },
  allocatedAmount: 'money',
} as const satisfies Record<string, FieldKind>;

/** Payments through billing's upsertImportedPayment; one export row allocates to at most one invoice. */
export const paymentAdapter: TargetAdapter = {
  entity: 'payment',
  fields: FIELDS,
  required: ['accountId', 'amount', 'receivedAt'],
  customFields: false,
  async create(tx, record) {
    const result = await upsertImportedPayment(tx, toInput(record));
    return { id: result.record.id, merged: false };
  },
  async update(tx, _id, record) {
    const result = await upsertImportedPayment(tx, toInput(record));
    return result.outcome === 'unchanged' ? 'unchanged' : 'updated';
  },
};

function toInput(record: TargetRecord): ImportPaymentInput {
  const values = record.values;
  const amount = values['amount'];
  const currency = amount !== null && typeof amount === 'object' ? amount.currency : '';
  const amountMinor = minorIn(amount, currency, 'amount');
  const invoice = values['invoiceExternalId'];
  const allocated = minorIn(values['allocatedAmount'], currency, 'allocatedAmount') ?? amountMinor;
  const optional = (key: 'method' | 'reference' | 'status') => (typeof values[key] === 'string' ? { [key]: values[key] } : {});
  return {
    sourceSystem: record.sourceSystem, externalId: record.externalId, accountId: values['accountId'], currency, amountMinor,
    receivedAt: values['receivedAt'], ...optional('method'), ...optional('reference'), ...optional('status'),
    allocations: typeof invoice === 'string' && allocated !== undefined && allocated > 0n ? [{ invoiceExternalId: invoice, amountMinor: allocated }] : [],
  } as ImportPaymentInput;
}
