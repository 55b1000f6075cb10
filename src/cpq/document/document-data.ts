import { findPrices, findProducts, type BillingPeriod, type Price, type Product } from '../../catalog/index.ts';
import { findAccount } from '../../crm/index.ts';
import { getUser } from '../../identity/index.ts';
import { SYSTEM_ACTOR } from '../../shared/access.ts';
import { withActor, type Ctx } from '../../shared/context.ts';
import { addMonthsFromAnchor, parsePlainDate, toIsoDate } from '../../shared/dates.ts';
import { notFound } from '../../shared/errors.ts';
import { findLineRows } from '../quote-line-repo.ts';
import type { QuoteLanguage, QuoteLineRow, QuoteRow } from '../tables.ts';

export type DocumentLine = {
  lineNumber: number;
  name: string;
  description: string | null;
  quantity: bigint;
  billingPeriod: BillingPeriod;
  ramp: Array<{ year: number; quantity: number }> | null;
  listMinor: bigint;
  /** Line discount and the line's share of the header discount. */
  discountMinor: bigint;
  netMinor: bigint;
};

/** Everything the PDF shows, and nothing else: the document is a pure function of this. */
export type QuoteDocumentData = {
  quoteId: string;
  versionNumber: number;
  language: QuoteLanguage;
  currency: string;
  /** The day the quote went out (or was created, for a draft preview), UTC. */
  issuedAt: Date;
  /** Inclusive: the day before expires_on_date. */
  validUntilDate: string;
  accountName: string;
  preparedBy: string | null;
  startDate: string;
  endDate: string;
  termMonths: number;
  paymentTermsDays: number;
  lines: DocumentLine[];
  years: Array<{ year: number; startDate: string; endDate: string; amountMinor: bigint }>;
  totals: { list: bigint; lineDiscount: bigint; headerDiscount: bigint; tcv: bigint; acv: bigint; firstYear: bigint; oneTime: bigint; mrr: bigint; arr: bigint };
};

type StoredRamp = { year: number; quantity: number };

/**
 * Gathers a quote's document data. The caller has already decided the quote may be read (owner
 * scope, or a valid acceptance token); the account, owner and catalog names on it are then read
 * as the system, since a rep may see a team quote on an account owned outside the team.
 */
export async function loadDocumentData(ctx: Ctx, quote: QuoteRow): Promise<QuoteDocumentData> {
  const reader = withActor(ctx, SYSTEM_ACTOR);
  const lines = await findLineRows(ctx, quote.id);
  const start = parsePlainDate(quote.start_date);
  const end = addMonthsFromAnchor(start, quote.term_months);
  const account = await findAccount(reader, quote.account_id);
  const owner = quote.owner_user_id === null ? null : await getUser(reader, quote.owner_user_id);
  return {
    quoteId: quote.id,
    versionNumber: quote.version_number,
    language: quote.language,
    currency: quote.currency,
    issuedAt: quote.sent_at ?? quote.created_at,
    validUntilDate: toIsoDate(parsePlainDate(quote.expires_on_date).subtract({ days: 1 })),
    accountName: account?.name ?? quote.account_id,
    preparedBy: owner?.displayName ?? null,
    startDate: quote.start_date,
    endDate: toIsoDate(end),
    termMonths: quote.term_months,
    paymentTermsDays: quote.payment_terms_days,
    lines: await documentLines(reader, lines),
    years: (quote.year_amounts as string[]).map((minor, i) => {
      const yearEnd = addMonthsFromAnchor(start, (i + 1) * 12);
      return {
        year: i + 1,
        startDate: toIsoDate(addMonthsFromAnchor(start, i * 12)),
        // The last contract year ends with the term, which may be short of 12 months.
        endDate: toIsoDate(yearEnd.until(end).sign < 0 ? end : yearEnd),
        amountMinor: BigInt(minor),
      };
    }),
    totals: {
      list: quote.list_minor, lineDiscount: quote.line_discount_minor, headerDiscount: quote.header_discount_minor, tcv: quote.tcv_minor,
      acv: quote.acv_minor, firstYear: quote.first_year_minor, oneTime: quote.one_time_minor, mrr: quote.mrr_minor, arr: quote.arr_minor,
    },
  };
}

async function documentLines(ctx: Ctx, rows: QuoteLineRow[]): Promise<DocumentLine[]> {
  // One read each for the products and the price versions of all lines.
  const products = await findProducts(ctx, rows.map((row) => row.product_id));
  const prices = await findPrices(ctx, rows.map((row) => row.price_id));
  return rows.map((row) => documentLine(row, products.get(row.product_id), prices.get(row.price_id)));
}

function documentLine(line: QuoteLineRow, product: Product | undefined, price: Price | undefined): DocumentLine {
  // A price version is never deleted; a missing one is a 404, as getPrice would say.
  if (!price) throw notFound('price', line.price_id);
  return {
    lineNumber: line.line_number,
    // A product deleted since keeps its line on the quote: the SKU-less id still names it.
    name: product?.name ?? line.product_id,
    description: line.description,
    quantity: line.quantity,
    billingPeriod: price.billingPeriod,
    ramp: line.ramp === null ? null : (line.ramp as StoredRamp[]).map((r) => ({ year: r.year, quantity: r.quantity })),
    listMinor: line.list_minor,
    discountMinor: line.discount_minor + line.header_discount_minor,
    netMinor: line.net_minor,
  };
}
