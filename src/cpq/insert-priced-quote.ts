import type { AuditAction } from '../shared/audit.ts';
import type { TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { nowOf } from './cpq-db.ts';
import { toQuote } from './quote-json.ts';
import { insertLines } from './quote-line-repo.ts';
import { insertQuote, type QuoteColumns } from './quote-repo.ts';
import type { Quote } from './quote-schema.ts';
import { lineAmountColumns, lineInputColumns, priceSources, type LineSource } from './reprice.ts';
import { quoteTotalsColumns } from './reprice.ts';

export type NewQuoteColumns = Omit<QuoteColumns, keyof ReturnType<typeof quoteTotalsColumns>>;

/**
 * Inserts a new quote (create, revise) priced before it is written: the quote and each line are
 * inserted once, with their amounts, so the audit trail starts with the real numbers.
 */
export async function insertPricedQuote(tx: TxCtx, columns: NewQuoteColumns, sources: LineSource[], action: AuditAction): Promise<Quote> {
  const pricing = await priceSources(tx, columns, sources);
  const row = await insertQuote(tx, { ...columns, ...quoteTotalsColumns(pricing) }, action);
  const lines = sources.map((source, i) => {
    const amounts = pricing.lines[i];
    assert(amounts, `line ${source.line_number} was not priced`);
    return { ...lineInputColumns(source), ...lineAmountColumns(amounts), created_at: nowOf(tx), updated_at: nowOf(tx) };
  });
  return toQuote(row, await insertLines(tx, lines), tx.clock.today());
}
