import type { AuditAction } from '../shared/audit.ts';
import { ownerScope } from '../crm/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { AppError, assert } from '../shared/errors.ts';
import { canonicalJson } from '../shared/json.ts';
import { findGrants, cancelPendingRequests } from './approval-request-repo.ts';
import { findApprovalRuleRows, toApprovalRule } from './approval-rule-repo.ts';
import { firingRules, uncoveredRules } from './approval-plan.ts';
import { nowOf, versionConflict } from './cpq-db.ts';
import type { QuotePricing } from './price-quote.ts';
import { toQuote } from './quote-json.ts';
import { deleteLineRow, insertLine, updateLineRow } from './quote-line-repo.ts';
import { quoteMetrics } from './quote-metrics.ts';
import { getQuoteRow, updateQuoteRow, type QuoteColumns } from './quote-repo.ts';
import type { Quote } from './quote-schema.ts';
import { lineAmountColumns, lineInputColumns, priceSources, quoteTotalsColumns, type LineSource } from './reprice.ts';
import type { QuoteLineRow, QuoteRow, QuoteStatus } from './tables.ts';

/** Statuses in which a quote may change; later ones are documents, changed only by a revision. */
const EDITABLE: readonly QuoteStatus[] = ['draft', 'pending_approval', 'approved', 'rejected'];

export function assertEditable(row: QuoteRow): void {
  if (EDITABLE.includes(row.status)) return;
  throw new AppError('conflict', `Quote ${row.id} is ${row.status}; revise it (POST /quotes/${row.id}/revise) to change it`, { extra: { quoteStatus: row.status } });
}

/** The quote row-locked for a change: in scope (404 otherwise), at the expected version if one is given, editable. */
export async function lockEditableQuote(tx: TxCtx, id: string, expectedVersion?: number): Promise<QuoteRow> {
  const row = await getQuoteRow(tx, await ownerScope(tx), id, 'update');
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw versionConflict('Quote', id, row.version, expectedVersion);
  assertEditable(row);
  return row;
}

export type QuoteChange = {
  fields: Partial<QuoteColumns>;
  /** Every line the quote will have, in line-number order: stored rows, changed rows, new ones. */
  lines: LineSource[];
  removed?: QuoteLineRow[];
};

/**
 * Applies one change to an editable quote in the caller's transaction (which holds the quote's
 * row lock): re-prices every line, decides what the change does to approval, writes the quote
 * once and each line only if it changed, each with its audit row.
 */
export async function commitQuoteChange(tx: TxCtx, before: QuoteRow, stored: QuoteLineRow[], change: QuoteChange, action: AuditAction): Promise<Quote> {
  const draft: QuoteRow = { ...before, ...change.fields } as QuoteRow;
  const pricing = await priceSources(tx, draft, change.lines);
  const approval = await approvalAfterEdit(tx, before, draft, pricing);
  const after = await updateQuoteRow(tx, before, { ...change.fields, ...quoteTotalsColumns(pricing), ...approval }, action);
  for (const row of change.removed ?? []) await deleteLineRow(tx, row);
  const lines: QuoteLineRow[] = [];
  for (const [i, source] of change.lines.entries()) {
    const amounts = pricing.lines[i];
    assert(amounts, `line ${source.line_number} was priced above`);
    const existing = stored.find((row) => row.id === source.id);
    const columns = { ...lineInputColumns(source), ...lineAmountColumns(amounts) };
    lines.push(existing
      ? await updateLineRow(tx, existing, columns, inputChanged(existing, source) ? 'update' : 'reprice')
      : await insertLine(tx, { ...columns, created_at: nowOf(tx), updated_at: nowOf(tx) }));
  }
  return toQuote(after, lines, tx.clock.today());
}

function inputChanged(row: QuoteLineRow, source: LineSource): boolean {
  const keys = ['description', 'quantity', 'discount_percent_bps', 'discount_amount_minor'] as const;
  // Canonical JSON: jsonb hands keys back in its own order, which says nothing about the value.
  return keys.some((key) => row[key] !== source[key]) || canonicalJson(row.ramp) !== canonicalJson(source.ramp);
}

type ApprovalColumns = Pick<Partial<QuoteColumns>, 'status' | 'approved_at' | 'submitted_at' | 'submitted_by'>;

/**
 * What an edit does to approval (docs/cpq.md "Re-approval"): a pending quote goes back to draft
 * (its open requests are cancelled); an approved quote stays approved only while every approval
 * rule that fires is covered by an approval already granted — same condition, value not worse —
 * and otherwise goes back to draft, to be submitted again for the rules no longer covered.
 */
async function approvalAfterEdit(tx: TxCtx, before: QuoteRow, draft: QuoteRow, pricing: QuotePricing): Promise<ApprovalColumns> {
  const backToDraft: ApprovalColumns = { status: 'draft', approved_at: null, submitted_at: null, submitted_by: null };
  switch (before.status) {
    case 'draft': return {};
    case 'rejected': return backToDraft;
    case 'pending_approval':
      await cancelPendingRequests(tx, before.id, 'the quote changed while waiting for approval');
      return backToDraft;
    case 'approved': {
      const rules = (await findApprovalRuleRows(tx, { active: true })).map(toApprovalRule);
      const metrics = quoteMetrics(pricing, { termMonths: draft.term_months, paymentTermsDays: draft.payment_terms_days });
      const uncovered = uncoveredRules(firingRules(rules, metrics), await findGrants(tx, before.id));
      return uncovered.length === 0 ? {} : backToDraft;
    }
    default:
      assertEditable(before);
      return {};
  }
}
