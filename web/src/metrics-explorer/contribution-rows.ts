import type { Contribution } from './metrics-api.ts';
import { toMinor } from './metric-format.ts';

/** A link from an explained figure to the record behind it (docs: README "Cross-links"). */
export type RecordLink = { kind: 'customer' | 'subscription' | 'invoice' | 'opportunity'; id: string; href: string };
export type ContributionRow = {
  key: string;
  accountId: string | null;
  links: RecordLink[];
  /** movement, status, stage, record type: what kind of part this record plays. */
  role: string | null;
  amountMinor: bigint | null;
  currency: string | undefined;
  details: Array<{ name: string; value: string | number | boolean; money: boolean; currency?: string }>;
};

const PATHS: Record<RecordLink['kind'], string> = {
  customer: '/customers/',
  subscription: '/billing/subscriptions/',
  invoice: '/billing/invoices/',
  opportunity: '/pipeline/opportunities/',
};
const ID_FIELDS: Record<string, RecordLink['kind']> = { accountId: 'customer', subscriptionId: 'subscription', invoiceId: 'invoice', opportunityId: 'opportunity' };
const RECORD_TYPES: Record<string, RecordLink['kind']> = { account: 'customer', customer: 'customer', subscription: 'subscription', invoice: 'invoice', opportunity: 'opportunity' };
const SHOWN_ELSEWHERE = new Set(['accountId', 'subscriptionId', 'invoiceId', 'opportunityId', 'id', 'recordType', 'movement', 'status', 'amountMinor', 'convertedMinor', 'currency', 'subscriptions', 'conversions']);

// Amounts are integer minor units; a field that is not (a count, a share) is not summed.
function isIntegerAmount(value: unknown): boolean {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));
}

function link(kind: RecordLink['kind'], id: string): RecordLink {
  return { kind, id, href: `${PATHS[kind]}${encodeURIComponent(id)}` };
}

function linksOf(contribution: Contribution): RecordLink[] {
  const links: RecordLink[] = [];
  for (const [field, kind] of Object.entries(ID_FIELDS)) {
    const id = contribution[field];
    if (typeof id === 'string' && id !== '') links.push(link(kind, id));
  }
  const recordKind = typeof contribution['recordType'] === 'string' ? RECORD_TYPES[contribution['recordType']] : undefined;
  if (recordKind && typeof contribution['id'] === 'string' && !links.some((l) => l.kind === recordKind)) links.push(link(recordKind, contribution['id']));
  const subscriptions = contribution['subscriptions'];
  if (Array.isArray(subscriptions)) {
    for (const subscription of subscriptions as Array<Record<string, unknown>>) {
      if (typeof subscription['subscriptionId'] === 'string') links.push(link('subscription', subscription['subscriptionId']));
    }
  }
  return links;
}

function roleOf(contribution: Contribution): string | null {
  for (const field of ['movement', 'status', 'recordType'] as const) {
    const value = contribution[field];
    if (typeof value === 'string') return value;
  }
  return null;
}

/**
 * The records behind a figure, in one shape whatever metric made them: the amount that adds up to
 * the figure (the converted amount in a reporting currency), links to the records, and the rest of
 * the fields the figure read.
 */
export function toContributionRows(contributions: readonly Contribution[], figureCurrency: string | undefined): ContributionRow[] {
  return contributions.map((contribution, index) => {
    const converted = contribution['convertedMinor'];
    const raw = converted ?? contribution['amountMinor'];
    const ownCurrency = typeof contribution['currency'] === 'string' ? contribution['currency'] : undefined;
    const details: ContributionRow['details'] = [];
    for (const [name, value] of Object.entries(contribution)) {
      if (SHOWN_ELSEWHERE.has(name)) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') details.push({ name, value, money: name.endsWith('Minor') });
    }
    if (converted !== undefined && ownCurrency && typeof contribution['amountMinor'] === 'number') {
      details.unshift({ name: 'originalAmount', value: contribution['amountMinor'], money: true, currency: ownCurrency });
    }
    return {
      key: `${index}`,
      accountId: typeof contribution['accountId'] === 'string' ? contribution['accountId'] : null,
      links: linksOf(contribution),
      role: roleOf(contribution),
      amountMinor: isIntegerAmount(raw) ? toMinor(raw) : null,
      currency: converted !== undefined ? figureCurrency : (ownCurrency ?? figureCurrency),
      details,
    };
  });
}

/** Σ of the amounts, exactly (bigint): shown beside the figure so the reader sees they agree. */
export function sumOfRows(rows: readonly ContributionRow[]): bigint {
  return rows.reduce((sum, row) => sum + (row.amountMinor ?? 0n), 0n);
}
