import type { Role } from '../shared/access.ts';

/** Who sees the books: finance and admins keep them, revops and viewers read them. */
export const LEDGER_READ_ROLES: readonly Role[] = ['admin', 'finance', 'revops', 'viewer'];
/** Manual entries, reversals and the chart of accounts. */
export const LEDGER_WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
/** Closing and reopening change what may be posted for everyone: admins only (the service checks too). */
export const LEDGER_ADMIN_ROLES: readonly Role[] = ['admin'];
