import type { Role } from '../../../src/shared/access.ts';

export type { Role };
export { ROLES } from '../../../src/shared/access.ts';

/** The app's top-level sections, in navigation order. */
export const SECTIONS = ['dashboard', 'customers', 'pipeline', 'quotes', 'billing', 'metrics', 'data', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_PATHS: Record<Section, string> = {
  dashboard: '/',
  customers: '/customers',
  pipeline: '/pipeline',
  quotes: '/quotes',
  billing: '/billing',
  metrics: '/metrics',
  data: '/data',
  settings: '/settings',
};

/**
 * Which sections each role sees. Keyed by the server's role list, so a new
 * role does not compile until it is placed here. This only shapes the
 * navigation; the API enforces access on every call regardless.
 */
export const ROLE_SECTIONS: Record<Role, readonly Section[]> = {
  admin: SECTIONS,
  revops: ['dashboard', 'customers', 'pipeline', 'quotes', 'billing', 'metrics', 'data', 'settings'],
  // Metrics over their team's opportunities and leads only (METRICS_SCOPE, docs/metrics.md "Who sees
  // what"); test/architecture/web-sections-access.test.ts keeps the sections in step with the API.
  sales_manager: ['dashboard', 'customers', 'pipeline', 'quotes', 'metrics'],
  sales_rep: ['dashboard', 'customers', 'pipeline', 'quotes', 'metrics'],
  finance: ['dashboard', 'customers', 'quotes', 'billing', 'metrics', 'settings'],
  success: ['dashboard', 'customers', 'metrics'],
  viewer: ['dashboard', 'customers', 'metrics'],
};

/**
 * Whose figures a role's metrics are: the company's, or its team's (crm's owner scope, as the API
 * computes them: src/metrics/metric-access.ts). Only words on the page follow it (the tile); what is
 * listed comes from the API's catalogue.
 */
export const METRICS_SCOPE: Record<Role, 'company' | 'team'> = {
  admin: 'company',
  revops: 'company',
  sales_manager: 'team',
  sales_rep: 'team',
  finance: 'company',
  success: 'company',
  viewer: 'company',
};

export function canUseSection(role: Role, section: Section): boolean {
  return ROLE_SECTIONS[role].includes(section);
}

/** The section a path belongs to ("/settings/users" → settings), or null for an unknown path. */
export function sectionOfPath(pathname: string): Section | null {
  if (pathname === '/') return 'dashboard';
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return SECTIONS.find((section) => section !== 'dashboard' && SECTION_PATHS[section] === first) ?? null;
}
