import { Temporal } from 'temporal-polyfill';
import { addMonthsFromAnchor, parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';
import type { Quote, QuoteLine, QuoteSummary } from './quote-schema.ts';
import type { QuoteLineRow, QuoteRow } from './tables.ts';

/** snake_case rows → API shapes, the one place the names are mapped (see repo writes for the way back). */

type StoredSpan = { monthOffset: number; months: number; amountMinor: string };
type StoredRamp = { year: number; quantity: number; discountBps: number | null };

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

function amount(minor: bigint | string, currency: string): MoneyJson {
  return moneyToJson(money(minor, currency));
}

function discountOf(row: { discount_percent_bps: number | null; discount_amount_minor: bigint | null; currency: string }): Quote['discount'] {
  if (row.discount_percent_bps !== null) return { percentBps: row.discount_percent_bps };
  if (row.discount_amount_minor !== null) return { amount: amount(row.discount_amount_minor, row.currency) };
  return null;
}

/** today decides `expired`: expiresOnDate is the first day the quote no longer holds. */
export function toQuoteSummary(row: QuoteRow, today: Temporal.PlainDate): QuoteSummary {
  const start = parsePlainDate(row.start_date);
  const end = addMonthsFromAnchor(start, row.term_months);
  const of = (minor: bigint) => amount(minor, row.currency);
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    accountId: row.account_id,
    quoteType: row.quote_type,
    priceBookId: row.price_book_id,
    currency: row.currency,
    status: row.status,
    versionNumber: row.version_number,
    revisedFromQuoteId: row.revised_from_quote_id,
    startDate: row.start_date,
    termMonths: row.term_months,
    paymentTermsDays: row.payment_terms_days,
    language: row.language,
    expiresOnDate: row.expires_on_date,
    expired: row.expires_on_date <= toIsoDate(today),
    ownerUserId: row.owner_user_id,
    discount: discountOf(row),
    totals: {
      list: of(row.list_minor), lineDiscount: of(row.line_discount_minor), headerDiscount: of(row.header_discount_minor),
      tcv: of(row.tcv_minor), oneTime: of(row.one_time_minor), recurring: of(row.recurring_minor), acv: of(row.acv_minor),
      firstYear: of(row.first_year_minor), mrr: of(row.mrr_minor), arr: of(row.arr_minor),
    },
    years: (row.year_amounts as string[]).map((minor, i) => {
      const yearEnd = addMonthsFromAnchor(start, (i + 1) * 12);
      // The last contract year ends with the term, which may be short of 12 months.
      return { year: i + 1, startDate: toIsoDate(addMonthsFromAnchor(start, i * 12)), endDate: toIsoDate(Temporal.PlainDate.compare(yearEnd, end) > 0 ? end : yearEnd), amount: of(BigInt(minor)) };
    }),
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    approvedAt: iso(row.approved_at),
    sentAt: iso(row.sent_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toQuote(row: QuoteRow, lines: QuoteLineRow[], today: Temporal.PlainDate): Quote {
  const start = parsePlainDate(row.start_date);
  return { ...toQuoteSummary(row, today), lines: lines.map((line) => toQuoteLine(line, start)) };
}

export function toQuoteLine(row: QuoteLineRow, start: Temporal.PlainDate): QuoteLine {
  const of = (minor: bigint) => amount(minor, row.currency);
  return {
    id: row.id,
    lineNumber: row.line_number,
    productId: row.product_id,
    priceId: row.price_id,
    description: row.description,
    quantity: Number(row.quantity),
    ramp: row.ramp === null ? null : (row.ramp as StoredRamp[]),
    discount: discountOf(row),
    oneTime: row.one_time,
    amounts: {
      list: of(row.list_minor), lineDiscount: of(row.discount_minor), headerDiscount: of(row.header_discount_minor),
      net: of(row.net_minor), firstYear: of(row.first_year_minor), mrr: of(row.mrr_minor),
    },
    years: (row.year_amounts as string[]).map((minor) => of(BigInt(minor))),
    periods: (row.period_amounts as StoredSpan[]).map((span) => ({
      startDate: toIsoDate(addMonthsFromAnchor(start, span.monthOffset)),
      endDate: span.months === 0 ? null : toIsoDate(addMonthsFromAnchor(start, span.monthOffset + span.months)),
      amount: of(BigInt(span.amountMinor)),
    })),
  };
}
