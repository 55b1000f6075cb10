import type { Role } from '../shared/access.ts';

/** Comp plans are finance's (and admins'): they decide what reps earn. */
export const PLAN_WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
export const PLAN_READ_ROLES: readonly Role[] = ['admin', 'finance', 'revops', 'sales_manager'];
/** Statements: reps see their own, managers their teams', finance/admin/revops everyone's (see get-statement.ts). */
export const STATEMENT_ROLES: readonly Role[] = ['admin', 'finance', 'revops', 'sales_manager', 'sales_rep'];
export const ALL_REPS_ROLES: readonly Role[] = ['admin', 'finance', 'revops'];
