import type { Role } from '../shared/access.ts';
import type { TimelineKind } from './timeline-read-model.ts';

/** Who may open a Customer 360: whoever reads the account (crm's READ_ROLES); reps are owner-scoped by getAccount. */
export const CUSTOMER360_READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];

// The sections below mirror the routes that serve the same records, so the 360 shows no one more
// than those would: invoices, payments and collections (billing/payments READ_ROLES) and quotes
// (cpq QUOTE_READ_ROLES). A Record over Role, so a new role does not compile until someone decides.
const SECTION_ACCESS: Record<Role, { finance: boolean; quotes: boolean }> = {
  admin: { finance: true, quotes: true },
  revops: { finance: true, quotes: true },
  finance: { finance: true, quotes: true },
  success: { finance: true, quotes: false },
  viewer: { finance: true, quotes: false },
  sales_rep: { finance: false, quotes: true },
  sales_manager: { finance: false, quotes: true },
};

export function canReadFinance(role: Role): boolean {
  return SECTION_ACCESS[role].finance;
}

export function canReadQuotes(role: Role): boolean {
  return SECTION_ACCESS[role].quotes;
}

/** The timeline kinds a role sees. */
export function timelineKindsFor(role: Role): ReadonlySet<TimelineKind> {
  const kinds = new Set<TimelineKind>(['activity', 'stage_change', 'ticket', 'campaign_touch']);
  if (canReadQuotes(role)) kinds.add('quote');
  if (canReadFinance(role)) for (const kind of ['invoice', 'payment', 'promise', 'collection_note'] as const) kinds.add(kind);
  return kinds;
}
