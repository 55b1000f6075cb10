import type { JournalEntry, LedgerPeriod, TrialBalance, TrialBalanceRow } from './ledger-types.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';

// View-model of the ledger pages: pure functions over the API's JSON, so the sums and the URL
// filters are tested without a browser. Money stays bigint minor units until it is displayed.

export type CurrencyTotals = { currency: string; debitMinor: bigint; creditMinor: bigint };
export type TrialBalanceSection = CurrencyTotals & { rows: TrialBalanceRow[]; balanced: boolean };

/** The trial balance split per currency (each balances on its own), with Σ debit and Σ credit of its rows. */
export function groupTrialBalance(report: TrialBalance): TrialBalanceSection[] {
  const sections = new Map<string, TrialBalanceSection>();
  for (const row of report.rows) {
    const section = sections.get(row.currency) ?? { currency: row.currency, rows: [], debitMinor: 0n, creditMinor: 0n, balanced: true };
    section.rows.push(row);
    section.debitMinor += BigInt(row.debit.amountMinor);
    section.creditMinor += BigInt(row.credit.amountMinor);
    sections.set(row.currency, section);
  }
  return [...sections.values()]
    .map((section) => ({ ...section, balanced: section.debitMinor === section.creditMinor }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Σ debits and Σ credits of an entry's lines per currency, in order of first appearance. */
export function entryTotals(entry: Pick<JournalEntry, 'lines'>): CurrencyTotals[] {
  const totals = new Map<string, CurrencyTotals>();
  for (const line of entry.lines) {
    const money = line.debit ?? line.credit;
    if (money === null) continue;
    const total = totals.get(money.currency) ?? { currency: money.currency, debitMinor: 0n, creditMinor: 0n };
    if (line.debit !== null) total.debitMinor += BigInt(line.debit.amountMinor);
    if (line.credit !== null) total.creditMinor += BigInt(line.credit.amountMinor);
    totals.set(money.currency, total);
  }
  return [...totals.values()];
}

/** Filters of the journal entry list as held in the URL; `to` is inclusive, as people read a range. */
export type EntryFilters = { from: string; to: string; accountCode: string; sourceType: string; sourceId: string };

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link). */
export function parseEntryFilters(search: URLSearchParams): EntryFilters {
  const date = (key: string) => {
    const value = search.get(key) ?? '';
    return isCalendarDate(value) ? value : '';
  };
  const matching = (key: string, pattern: RegExp) => {
    const value = (search.get(key) ?? '').trim();
    return pattern.test(value) ? value : '';
  };
  return {
    from: date('from'),
    to: date('to'),
    accountCode: matching('accountCode', /^\d{3,10}$/),
    sourceType: matching('sourceType', /^[a-z][a-z0-9_]{1,49}$/),
    sourceId: matching('sourceId', /^.{1,200}$/),
  };
}

/** The API query for the filters: its endDate is exclusive (half-open range), so the day after `to`. */
export function entryListQuery(filters: EntryFilters): Record<string, string | null> {
  return {
    startDate: filters.from || null,
    endDate: filters.to ? nextDay(filters.to) : null,
    accountCode: filters.accountCode || null,
    sourceType: filters.sourceType || null,
    sourceId: filters.sourceId || null,
  };
}

export function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** A valid 'YYYY-MM-DD' or null; the trial balance's `asOf` in the URL. */
export function parseIsoDate(value: string | null): string | null {
  return value !== null && isCalendarDate(value) ? value : null;
}


/**
 * The web app's page for an entry's source document, where one exists: invoices and credit notes
 * have a page; recognition and write-offs are shown on their invoice (the lines' invoice ref);
 * payments and refunds on the customer's payment list.
 */
export function sourcePath(entry: Pick<JournalEntry, 'source' | 'lines'>): string | null {
  if (entry.source === null) return null;
  const ref = (key: 'invoiceId' | 'accountId') => entry.lines.find((line) => line.refs[key] !== null)?.refs[key] ?? null;
  switch (entry.source.type) {
    case 'invoice':
      return `/billing/invoices/${encodeURIComponent(entry.source.id)}`;
    case 'credit_note':
      return `/billing/credit-notes/${encodeURIComponent(entry.source.id)}`;
    case 'revenue_recognition':
    case 'write_off': {
      const invoiceId = ref('invoiceId');
      return invoiceId === null ? null : `/billing/invoices/${encodeURIComponent(invoiceId)}`;
    }
    case 'payment':
    case 'refund': {
      const accountId = ref('accountId');
      return accountId === null ? null : `/billing/payments?accountId=${encodeURIComponent(accountId)}`;
    }
    default:
      return null;
  }
}

/**
 * The months to show in the periods list, newest first: the current month and the `count - 1`
 * before it (open unless the API lists them closed), plus every month the API lists (ever closed).
 */
export function periodRows(today: string, periods: readonly LedgerPeriod[], count = 12): LedgerPeriod[] {
  const known = new Map(periods.map((row) => [row.period, row]));
  const [year = 0, month = 1] = today.split('-').map(Number);
  for (let back = 0; back < count; back += 1) {
    const index = year * 12 + (month - 1) - back;
    const key = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
    if (!known.has(key)) known.set(key, { period: key, status: 'open', closedAt: null, closedBy: null, reason: null, updatedAt: '' });
  }
  return [...known.values()].sort((a, b) => b.period.localeCompare(a.period));
}

/** A month 'YYYY-MM' can be closed from the first day of the next month (src/ledger/period-rules.ts). */
export function hasEnded(period: string, today: string): boolean {
  return today.slice(0, 7) > period;
}
