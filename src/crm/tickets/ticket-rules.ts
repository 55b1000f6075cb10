import { AppError, type FieldError } from '../../shared/errors.ts';
import type { TicketFields, TicketStatus } from './schema.ts';

const DONE: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/**
 * Fills in and checks the ticket's instants (the same rules as the table's CHECKs, reported as
 * field errors): closedAt is set exactly while the ticket is solved or closed — stamped now when
 * it gets there, kept from solved to closed, cleared on reopening — and neither the first
 * response nor the close comes before the opening. `sent` holds what the request named.
 */
export function resolveTicketTimes(
  fields: TicketFields,
  sent: { closedAt?: string | null | undefined },
  previous: TicketFields | null,
  now: Date,
): TicketFields {
  const errors: FieldError[] = [];
  const done = DONE.has(fields.status);
  let closedAt: string | null;
  if (!done) {
    if (sent.closedAt) errors.push({ field: 'body.closedAt', message: `a ${fields.status} ticket has no close time` });
    closedAt = null;
  } else {
    const wasDone = previous !== null && DONE.has(previous.status);
    closedAt = sent.closedAt ?? (wasDone ? previous.closedAt : null) ?? now.toISOString();
  }
  const opened = Date.parse(fields.openedAt);
  if (fields.firstResponseAt !== null && Date.parse(fields.firstResponseAt) < opened) {
    errors.push({ field: 'body.firstResponseAt', message: 'is before openedAt' });
  }
  if (closedAt !== null && Date.parse(closedAt) < opened) errors.push({ field: 'body.closedAt', message: 'is before openedAt' });
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors: errors });
  return { ...fields, closedAt };
}

/** ISO text in one form (the one the repo reads back), so comparing and storing agree. */
export function normalizeInstant<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? new Date(value).toISOString() : value) as T;
}
