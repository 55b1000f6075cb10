import { inTransaction, type Ctx } from '../../shared/context.ts';
import { assertSourcePair } from '../account-rules.ts';
import { assertAccountUsable, changedColumns } from '../opportunities/index.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { getTicketRow, ticketFieldsOf, toTicket, toTicketColumns, updateTicketRow, versionConflict } from './repo.ts';
import { updateTicketSchema, type Ticket, type TicketFields, type UpdateTicketInput } from './schema.ts';
import { normalizeInstant, resolveTicketTimes } from './ticket-rules.ts';

export type UpdateTicketRequest = { id: string; expectedVersion: number; changes: UpdateTicketInput };

/** Partial update based on `expectedVersion`; a request that changes nothing writes nothing. */
export async function updateTicket(ctx: Ctx, request: UpdateTicketRequest): Promise<Ticket> {
  const changes = parseInput(updateTicketSchema, request.changes);
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getTicketRow(tx, scope, request.id, 'update');
    if (before.version !== request.expectedVersion) throw versionConflict(before.id, before.version, request.expectedVersion);
    const previous = ticketFieldsOf(before);
    const { closedAt, ...rest } = changes;
    const merged: TicketFields = { ...previous, ...definedOnly(rest) };
    const normalized = { ...merged, openedAt: normalizeInstant(merged.openedAt), firstResponseAt: normalizeInstant(merged.firstResponseAt) };
    const now = new Date(tx.clock.now().epochMilliseconds);
    const fields = resolveTicketTimes(normalized, { closedAt: normalizeInstant(closedAt) }, previous, now);
    const changed = changedColumns(toTicketColumns(previous), toTicketColumns(fields));
    if (Object.keys(changed).length === 0) return toTicket(before);
    if ('account_id' in changed) await assertAccountUsable(tx, scope, fields.accountId);
    assertSourcePair(fields);
    return toTicket(await updateTicketRow(tx, before, { ...changed, updated_at: now }, 'update'));
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
