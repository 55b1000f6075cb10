import { inTransaction, type Ctx } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { assertSourcePair } from '../account-rules.ts';
import { assertAccountUsable } from '../opportunities/index.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { insertTicket, toTicket, toTicketColumns } from './repo.ts';
import { createTicketSchema, type CreateTicketInput, type Ticket } from './schema.ts';
import { normalizeInstant, resolveTicketTimes } from './ticket-rules.ts';

export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<Ticket> {
  const parsed = parseInput(createTicketSchema, input);
  assertSourcePair(parsed);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const { closedAt, ...rest } = parsed;
  const fields = resolveTicketTimes(
    { ...rest, openedAt: normalizeInstant(parsed.openedAt) ?? now.toISOString(), firstResponseAt: normalizeInstant(parsed.firstResponseAt), closedAt: null },
    { closedAt: normalizeInstant(closedAt) },
    null,
    now,
  );
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    await assertAccountUsable(tx, scope, fields.accountId);
    const row = await insertTicket(tx, { id: newId('tkt'), ...toTicketColumns(fields), created_at: now, updated_at: now });
    return toTicket(row);
  });
}
