import type { TxCtx } from '../../shared/context.ts';
import type { TargetAdapter, TargetRecord } from './adapter.ts';
import { getOpportunity, listStageHistory, recordStageHistory, type StageHistoryImportEntry } from './crm-api.ts';
import type { FieldKind } from './entities.ts';
import { moneyInput } from './field-values.ts';

const FIELDS = {
  opportunityId: { ref: 'opportunity' },
  stage: 'text',
  enteredAt: 'instant',
  amount: 'money',
} as const satisfies Record<string, FieldKind>;

type Entry = StageHistoryImportEntry & { actorId: string };

/**
 * Stage history, one export row per stage change (Salesforce OpportunityHistory). The CRM takes a
 * whole history at once (recordStageHistory replaces it), so each row is merged into what the
 * earlier rows built: entries carry "<source>:<external id>" as their actor, which says which
 * row made them. Entries Revline made itself are kept when they come after the imported ones
 * (later changes in Revline); the ones made while importing the opportunity are replaced.
 */
export const stageHistoryAdapter: TargetAdapter = {
  entity: 'opportunity_stage_history',
  fields: FIELDS,
  required: ['opportunityId', 'stage', 'enteredAt'],
  customFields: false,
  async create(tx, record) {
    await mergeEntry(tx, record);
    return { id: `${String(record.values['opportunityId'])}#${record.externalId}`, merged: false };
  },
  async update(tx, _id, record) {
    return (await mergeEntry(tx, record)) ? 'updated' : 'unchanged';
  },
};

async function mergeEntry(tx: TxCtx, record: TargetRecord): Promise<boolean> {
  const opportunityId = String(record.values['opportunityId']);
  const marker = `${record.sourceSystem}:${record.externalId}`;
  const existing = (await listStageHistory(tx, opportunityId)).map((e): Entry => ({ stage: e.stage, enteredAt: e.enteredAt, leftAt: e.leftAt, actorId: e.actorId, amountAtEntry: e.amountAtEntry as Entry['amountAtEntry'] }));
  const isImported = (e: Entry) => e.actorId.startsWith(`${record.sourceSystem}:`);
  const amount = moneyInput(record.values['amount']);
  const mine: Entry = { stage: String(record.values['stage']), enteredAt: String(record.values['enteredAt']), leftAt: null, actorId: marker, ...(amount ? { amountAtEntry: amount } : {}) };
  const imported = [...existing.filter((e) => isImported(e) && e.actorId !== marker), mine].sort(byTime);
  const lastImportedAt = imported[imported.length - 1]!.enteredAt;
  const later = existing.filter((e) => !isImported(e) && e.enteredAt > lastImportedAt);
  const entries = chain([...imported, ...later]);
  const opportunity = await getOpportunity(tx, opportunityId);
  const tail = existing[existing.length - 1];
  if (entries[entries.length - 1]!.stage !== opportunity.stage && tail && !isImported(tail)) {
    // The import has not reached the current stage yet: the current stay stays last, from the latest known time.
    entries.push({ ...tail, enteredAt: tail.enteredAt > lastImportedAt ? tail.enteredAt : lastImportedAt, leftAt: null });
    chain(entries);
  }
  if (sameHistory(existing, entries)) return false;
  await recordStageHistory(tx, opportunityId, entries);
  return true;
}

const byTime = (a: Entry, b: Entry) => (a.enteredAt < b.enteredAt ? -1 : a.enteredAt > b.enteredAt ? 1 : a.actorId < b.actorId ? -1 : 1);

/** Each stay ends when the next begins; the last is current. */
function chain(entries: Entry[]): Entry[] {
  entries.forEach((entry, i) => (entry.leftAt = entries[i + 1]?.enteredAt ?? null));
  return entries;
}

function sameHistory(a: Entry[], b: Entry[]): boolean {
  const key = (e: Entry) => `${e.stage}|${new Date(e.enteredAt).getTime()}|${e.leftAt === null || e.leftAt === undefined ? '' : new Date(e.leftAt).getTime()}|${e.actorId}`;
  return a.length === b.length && a.every((e, i) => key(e) === key(b[i]!));
}
