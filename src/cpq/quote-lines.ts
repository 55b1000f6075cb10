import { inTransaction, type Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { changedLineSource, newLineSource } from './line-input.ts';
import { commitQuoteChange, lockEditableQuote } from './quote-change.ts';
import { findLineRows } from './quote-line-repo.ts';
import { lineInputSchema, updateLineSchema, type LineInput, type Quote, type UpdateLineInput } from './quote-schema.ts';

// Line edits lock the quote row, so they serialise with every other change of the quote; the
// quote's version guards against lost updates when the caller sends it (If-Match).
export type LineRequest = { quoteId: string; expectedVersion?: number | undefined };

/** Adds a line after the last one and re-prices the quote. */
export async function addQuoteLine(ctx: Ctx, request: LineRequest & { line: LineInput }): Promise<Quote> {
  const input = parseInput(lineInputSchema, request.line);
  return inTransaction(ctx, async (tx) => {
    const before = await lockEditableQuote(tx, request.quoteId, request.expectedVersion);
    const stored = await findLineRows(tx, before.id);
    const lineNumber = Math.max(0, ...stored.map((line) => line.line_number)) + 1;
    const added = await newLineSource(tx, before, input, lineNumber, 'body');
    return commitQuoteChange(tx, before, stored, { fields: {}, lines: [...stored, added] }, 'add_line');
  });
}

/** Changes a line's quantity, description, discount or ramp (its price version stays). */
export async function updateQuoteLine(ctx: Ctx, request: LineRequest & { lineId: string; changes: UpdateLineInput }): Promise<Quote> {
  const changes = parseInput(updateLineSchema, request.changes);
  return inTransaction(ctx, async (tx) => {
    const before = await lockEditableQuote(tx, request.quoteId, request.expectedVersion);
    const stored = await findLineRows(tx, before.id);
    if (!stored.some((line) => line.id === request.lineId)) throw notFound('quote line', request.lineId);
    const lines = stored.map((line) => (line.id === request.lineId ? changedLineSource(before, line, changes, 'body') : line));
    return commitQuoteChange(tx, before, stored, { fields: {}, lines }, 'update_line');
  });
}

/** Removes a line; the others keep their numbers (quotes and audit entries refer to them). */
export async function removeQuoteLine(ctx: Ctx, request: LineRequest & { lineId: string }): Promise<Quote> {
  return inTransaction(ctx, async (tx) => {
    const before = await lockEditableQuote(tx, request.quoteId, request.expectedVersion);
    const stored = await findLineRows(tx, before.id);
    const removed = stored.filter((line) => line.id === request.lineId);
    if (removed.length === 0) throw notFound('quote line', request.lineId);
    const lines = stored.filter((line) => line.id !== request.lineId);
    return commitQuoteChange(tx, before, stored, { fields: {}, lines, removed }, 'remove_line');
  });
}
