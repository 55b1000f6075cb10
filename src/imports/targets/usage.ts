import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { findContributions, saveContributions, sumContributions, type Contribution } from '../repo-contributions.ts';
import type { BulkWriteResult, TargetAdapter, TargetRecord } from './adapter.ts';
import { upsertUsage } from './crm-api.ts';
import type { FieldKind } from './entities.ts';

const FIELDS = {
  /** Usage exports often name the subscription, not the account: map it `through` the subscription. */
  accountId: { ref: 'account' },
  usageDate: 'date',
  featureKey: 'text',
  count: 'integer',
} as const satisfies Record<string, FieldKind>;

type Item = { record: TargetRecord; existingId: string | undefined };
type Cell = { accountId: string; usageDate: string; featureKey: string };
// crm usage's limit per call (MAX_ROWS_PER_UPSERT); an import batch (1000 rows) fits in one call.
const ROWS_PER_UPSERT = 5000;

/**
 * Usage events → the CRM's daily counts per (account, day, feature). Each event's count is kept
 * as its contribution (import_contributions) and the day's count is the sum of its events, so
 * two events on one day add up and re-importing changes nothing. A whole batch is a few
 * statements: the bulk door for the largest files.
 */
export const usageAdapter: TargetAdapter = {
  entity: 'usage',
  fields: FIELDS,
  required: ['accountId', 'usageDate', 'featureKey', 'count'],
  customFields: false,
  async create(tx, record) {
    const [result] = await writeUsage(tx, [{ record, existingId: undefined }]);
    return { id: result!.id, merged: false };
  },
  async update(tx, id, record) {
    const [result] = await writeUsage(tx, [{ record, existingId: id }]);
    return result!.outcome === 'unchanged' ? 'unchanged' : 'updated';
  },
  writeMany: (tx, items) => writeUsage(tx, items),
};

async function writeUsage(tx: TxCtx, items: ReadonlyArray<Item>): Promise<BulkWriteResult[]> {
  const first = items[0]?.record;
  if (!first) return [];
  const cells = cellsOf(items);
  const before = await findContributions(tx, first.sourceSystem, 'usage', items.map((i) => i.record.externalId));
  const changed: Contribution[] = [];
  const affected = new Set<string>();
  const results = items.map((item, i): BulkWriteResult => {
    const recordId = cellId(cells[i]!);
    const amount = BigInt(item.record.values['count'] as number);
    const previous = before.get(item.record.externalId);
    if (previous && previous.recordId === recordId && previous.amount === amount) return { id: recordId, outcome: 'unchanged' };
    changed.push({ externalId: item.record.externalId, recordId, amount });
    affected.add(recordId);
    if (previous) affected.add(previous.recordId);
    return { id: recordId, outcome: previous ? 'updated' : 'created' };
  });
  await saveContributions(tx, first.sourceSystem, 'usage', changed);
  const sums = await sumContributions(tx, 'usage', [...affected]);
  const rows = [...sums].map(([id, total]) => ({ ...parseCellId(id), count: total.toString() }));
  for (let i = 0; i < rows.length; i += ROWS_PER_UPSERT) await withRowErrors(() => upsertUsage(tx, rows.slice(i, i + ROWS_PER_UPSERT)));
  return results;
}

function cellsOf(items: ReadonlyArray<Item>): Cell[] {
  return items.map(({ record }) => {
    const accountId = record.values['accountId'];
    if (typeof accountId !== 'string') throw new AppError('validation_failed', 'Usage needs an account', { fieldErrors: [{ field: 'body.accountId', message: 'required' }] });
    return { accountId, usageDate: String(record.values['usageDate']), featureKey: String(record.values['featureKey']) };
  });
}

// '|' cannot occur in an account id, a date or a feature key (crm usage's featureKeySchema).
const cellId = (cell: Cell) => `${cell.accountId}|${cell.usageDate}|${cell.featureKey}`;
function parseCellId(id: string): Cell {
  const [accountId = '', usageDate = '', featureKey = ''] = id.split('|');
  return { accountId, usageDate, featureKey };
}

/** upsertUsage names `body.rows.<i>.<field>`; a single row's error then reads as that row's field. */
async function withRowErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.detail, { fieldErrors: error.fieldErrors.map((f) => ({ ...f, field: f.field.replace(/^body\.rows\.\d+\./, 'body.') })), extra: error.extra, cause: error });
  }
}
