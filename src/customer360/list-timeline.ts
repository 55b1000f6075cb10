import { getAccount } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { timelineKindsFor } from './access.ts';
import { moneyJson } from './money-totals.ts';
import { timelineQuerySchema, type TimelineEvent, type TimelinePage, type TimelineQuery } from './schema.ts';
import { findTimelineRows, TIMELINE_KINDS, type TimelineKey, type TimelineRow } from './timeline-read-model.ts';
import { invalidCursor } from '../shared/http/pagination.ts';

function encodeKey(row: TimelineRow): string {
  return Buffer.from(JSON.stringify([row.at, row.kind, row.id]), 'utf8').toString('base64url');
}

function decodeKey(cursor: string | undefined): TimelineKey | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string')) {
      const [at, kind, id] = value as [string, string, string];
      if (!Number.isNaN(Date.parse(at)) && (TIMELINE_KINDS as readonly string[]).includes(kind)) return { at, kind, id };
    }
  } catch {
    // a bad cursor is reported below
  }
  throw invalidCursor();
}

function toEvent(row: TimelineRow): TimelineEvent {
  return {
    kind: row.kind, id: row.id, at: new Date(row.at).toISOString(), subtype: row.subtype, title: row.title,
    amount: row.amount_minor !== null && row.currency !== null ? moneyJson(row.amount_minor, row.currency.trim()) : null, refId: row.ref_id,
  };
}

/** Timeline rows of an account already checked as visible; one extra row tells whether there is a next page. */
export async function timelinePage(ctx: Ctx, accountId: string, limit: number, cursor: string | undefined): Promise<TimelinePage> {
  const rows = await findTimelineRows(ctx, accountId, timelineKindsFor(ctx.actor.role), { limit: limit + 1, before: decodeKey(cursor) });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toEvent), nextCursor: rows.length > limit && last !== undefined ? encodeKey(last) : null };
}

/**
 * The account's merged timeline, most recent first: activities, stage changes, quotes, invoices,
 * payments, promises to pay, collection notes, tickets and campaign touches — the kinds the actor's role reads.
 * Keyset pages on (at, kind, id), so new events never shift a page being read.
 */
export async function listTimeline(ctx: Ctx, accountId: string, query: TimelineQuery): Promise<TimelinePage> {
  const { limit, cursor } = parseInput(timelineQuerySchema, query, 'querystring');
  await getAccount(ctx, accountId);
  return timelinePage(ctx, accountId, limit, cursor);
}
