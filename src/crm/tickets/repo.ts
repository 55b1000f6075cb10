import type { Insertable, Kysely, Updateable } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { accountScopeCondition } from '../opportunities/index.ts';
import type { OwnerScope } from '../owner-scope.ts';
import type { SupportTicketsTable, Ticket, TicketFields, TicketRow, TicketTables } from './schema.ts';

/** The only module that touches `support_tickets` (with repo-list.ts); every write also writes its audit row. */
export function ticketDb(ctx: Ctx): Kysely<SharedTables & TicketTables> {
  return ctx.db.withTables<TicketTables>();
}

export function toTicket(row: TicketRow): Ticket {
  return { id: row.id, ...ticketFieldsOf(row), createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), version: row.version };
}

export function ticketFieldsOf(row: TicketRow): TicketFields {
  return {
    accountId: row.account_id,
    contactId: row.contact_id,
    subject: row.subject,
    description: row.description,
    priority: row.priority,
    status: row.status,
    channel: row.channel,
    openedAt: row.opened_at.toISOString(),
    firstResponseAt: row.first_response_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    csat: row.csat,
    sourceSystem: row.source_system,
    externalId: row.external_id,
  };
}

export type TicketColumns = Required<Omit<Insertable<SupportTicketsTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

const instant = (text: string | null) => (text === null ? null : new Date(text));

export function toTicketColumns(fields: TicketFields): TicketColumns {
  return {
    account_id: fields.accountId,
    contact_id: fields.contactId,
    subject: fields.subject,
    description: fields.description,
    priority: fields.priority,
    status: fields.status,
    channel: fields.channel,
    opened_at: new Date(fields.openedAt),
    first_response_at: instant(fields.firstResponseAt),
    closed_at: instant(fields.closedAt),
    csat: fields.csat,
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  };
}

/** A live ticket whose account the actor may see. */
export async function findTicketRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update') {
  const query = ticketDb(ctx)
    .selectFrom('support_tickets')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where(accountScopeCondition(scope, 'support_tickets.account_id'));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function getTicketRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update') {
  const row = await findTicketRow(ctx, scope, id, lock);
  if (!row) throw notFound('ticket', id);
  return row;
}

export async function insertTicket(tx: TxCtx, row: TicketColumns & { id: string; created_at: Date; updated_at: Date }) {
  const inserted = await withConstraintErrors(
    ticketDb(tx).insertInto('support_tickets').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'ticket', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock and has checked the version. */
export async function updateTicketRow(
  tx: TxCtx,
  before: TicketRow,
  changes: Omit<Updateable<SupportTicketsTable>, 'id' | 'version'> & { updated_at: Date },
  action: 'update' | 'delete',
) {
  const after = await withConstraintErrors(
    ticketDb(tx).updateTable('support_tickets').set({ ...changes, version: before.version + 1 }).where('id', '=', before.id).where('version', '=', before.version).returningAll().executeTakeFirst(),
  );
  assert(after, `ticket ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'ticket', entityId: before.id, before, after });
  return after;
}

export function versionConflict(id: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError('version_conflict', `Ticket ${id} is at version ${currentVersion}, not ${expectedVersion}`, { extra: { currentVersion } });
}

async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'support_tickets_source_external') {
      throw new AppError('conflict', 'Another ticket already has this sourceSystem and externalId', {
        fieldErrors: [{ field: 'body.externalId', message: 'already used by another ticket from this source' }],
        cause: error,
      });
    }
    throw error;
  }
}
