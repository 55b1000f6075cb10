import { z } from 'zod';
import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { ERROR_CODES, type ErrorCode, type FieldError } from '../../shared/errors.ts';
import { nowOf } from '../billing-db.ts';
import { instantSchema, itemKeySchema, text } from '../fields.ts';
import { usageEventsDb } from './usage-event-tables.ts';
import { toFieldError } from '../../shared/validation/issue-params.ts';

export const MAX_EVENTS_PER_BATCH = 1000;

const valueSchema = z
  .union([z.int(), z.string().regex(/^\d{1,15}$/, 'a whole number')])
  .transform((value) => BigInt(value))
  .refine((value) => value >= 0n && value < 10n ** 15n, { message: 'must be a whole number from 0 to 10^15 − 1' })
  .default(1n)
  .describe('The metered quantity of this event; default 1');

export const usageEventSchema = z.strictObject({
  eventId: text(200).describe('Unique per event: re-sending it is a no-op'),
  accountId: text(100),
  featureKey: itemKeySchema.describe('The key of the usage item it meters'),
  occurredAt: instantSchema.describe('When it happened; it counts on that UTC calendar day'),
  value: valueSchema,
  uniqueKey: text(200).nullable().default(null).describe('For unique-count aggregation, e.g. a user id'),
});
export const ingestUsageEventsBodySchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH).describe('Each event is checked on its own; one bad event rejects only itself'),
});
export type IngestUsageEventsBody = z.input<typeof ingestUsageEventsBodySchema>;

type ParsedEvent = z.output<typeof usageEventSchema>;
/** RFC 9457 problem details for one rejected event; fields are `events.<index>.<field>`. */
export type EventProblem = { type: string; title: string; status: number; code: ErrorCode; detail: string; errors: FieldError[] };
export type EventResult = { index: number; eventId: string | null; outcome: 'created' | 'duplicate' | 'rejected'; problem: EventProblem | null };
export type IngestResult = { counts: { created: number; duplicate: number; rejected: number }; results: EventResult[] };

/**
 * Ingests raw metered events in one batch, idempotent by event id (docs/billing.md "Usage
 * events"): a new id is stored; an id already stored (or earlier in the batch) with the same
 * content is a duplicate, with different content a rejection — an event is immutable. Each bad
 * event is rejected on its own with a problem naming `events.<index>.<field>`; the others go in.
 */
export async function ingestUsageEvents(ctx: Ctx, body: IngestUsageEventsBody): Promise<IngestResult> {
  const results: EventResult[] = [];
  const candidates = new Map<number, ParsedEvent>();
  body.events.forEach((raw, index) => {
    const parsed = usageEventSchema.safeParse(raw);
    if (parsed.success) candidates.set(index, parsed.data);
    else results[index] = rejected(index, idOf(raw), 'validation_failed', parsed.error.issues.map((issue) => toFieldError(['events', index, ...issue.path.map(String)].join('.'), issue)));
  });
  return inTransaction(ctx, async (tx) => {
    await rejectUnknownAccounts(tx, candidates, results);
    await classifyAgainstStored(tx, candidates, results);
    const created = await insertNew(tx, candidates, results);
    // One audit entry per batch (keyed by its first new event), naming every event it stored.
    const [first] = created;
    if (first !== undefined) await recordAudit(tx, { action: 'ingest', entityType: 'usage_events', entityId: first, before: null, after: { eventIds: created } });
    const counts = { created: 0, duplicate: 0, rejected: 0 };
    for (const result of results) counts[result.outcome] += 1;
    return { counts, results };
  });
}

async function rejectUnknownAccounts(tx: TxCtx, candidates: Map<number, ParsedEvent>, results: EventResult[]): Promise<void> {
  const ids = [...new Set([...candidates.values()].map((event) => event.accountId))];
  if (ids.length === 0) return;
  const known = new Set((await usageEventsDb(tx).selectFrom('accounts').select('id').where('id', 'in', ids).execute()).map((row) => row.id));
  for (const [index, event] of candidates) {
    if (known.has(event.accountId)) continue;
    results[index] = rejected(index, event.eventId, 'validation_failed', [{ field: `events.${index}.accountId`, message: 'unknown account' }]);
    candidates.delete(index);
  }
}

/** Stored or earlier in the batch: same content → duplicate, other content → rejected. */
async function classifyAgainstStored(tx: TxCtx, candidates: Map<number, ParsedEvent>, results: EventResult[]): Promise<void> {
  const ids = [...new Set([...candidates.values()].map((event) => event.eventId))];
  const stored = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await usageEventsDb(tx).selectFrom('usage_events').selectAll().where('event_id', 'in', ids.slice(start, start + 500)).execute();
    for (const row of rows) {
      stored.set(row.event_id, contentKey({ accountId: row.account_id, featureKey: row.feature_key, occurredAt: row.occurred_at.toISOString(), value: row.value, uniqueKey: row.unique_key }));
    }
  }
  const firstInBatch = new Map<string, { index: number; key: string }>();
  for (const [index, event] of candidates) {
    const key = contentKey(event);
    const earlier = stored.get(event.eventId) ?? firstInBatch.get(event.eventId)?.key;
    if (earlier === undefined) {
      firstInBatch.set(event.eventId, { index, key });
      continue;
    }
    candidates.delete(index);
    results[index] = earlier === key
      ? { index, eventId: event.eventId, outcome: 'duplicate', problem: null }
      : rejected(index, event.eventId, 'conflict', [{ field: `events.${index}.eventId`, message: 'this event id was already received with different content; events are immutable' }]);
  }
}

async function insertNew(tx: TxCtx, candidates: Map<number, ParsedEvent>, results: EventResult[]): Promise<string[]> {
  const created: string[] = [];
  const entries = [...candidates.entries()];
  const now = nowOf(tx);
  for (let start = 0; start < entries.length; start += 500) {
    const slice = entries.slice(start, start + 500);
    const inserted = await usageEventsDb(tx).insertInto('usage_events').values(slice.map(([, event]) => ({
      event_id: event.eventId, account_id: event.accountId, feature_key: event.featureKey, occurred_at: new Date(event.occurredAt),
      occurred_on: new Date(event.occurredAt).toISOString().slice(0, 10), value: event.value, unique_key: event.uniqueKey, created_at: now,
    }))).onConflict((oc) => oc.column('event_id').doNothing()).returning('event_id').execute();
    const ids = new Set(inserted.map((row) => row.event_id));
    for (const [index, event] of slice) {
      // Not inserted: a concurrent batch stored the same id first; it counts as a duplicate here.
      results[index] = { index, eventId: event.eventId, outcome: ids.has(event.eventId) ? 'created' : 'duplicate', problem: null };
      if (ids.has(event.eventId)) created.push(event.eventId);
    }
  }
  return created;
}

function contentKey(event: Pick<ParsedEvent, 'accountId' | 'featureKey' | 'occurredAt' | 'value' | 'uniqueKey'>): string {
  return JSON.stringify([event.accountId, event.featureKey, new Date(event.occurredAt).toISOString(), event.value.toString(), event.uniqueKey]);
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { eventId?: unknown }).eventId : undefined;
  return typeof id === 'string' ? id : null;
}

function rejected(index: number, eventId: string | null, code: ErrorCode, errors: FieldError[]): EventResult {
  const info = ERROR_CODES[code];
  return {
    index, eventId, outcome: 'rejected',
    problem: { type: `https://revline.dev/problems/${code.replaceAll('_', '-')}`, title: info.title, status: info.status, code, detail: errors.map((error) => `${error.field}: ${error.message}`).join('; '), errors },
  };
}
