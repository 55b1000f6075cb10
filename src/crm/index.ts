export { createAccount } from './create-account.ts';
export { getAccount, findAccount } from './get-account.ts';
export { updateAccount, type UpdateAccountRequest } from './update-account.ts';
export { deleteAccount } from './delete-account.ts';
export { listAccounts, listChildAccounts, type AccountPage } from './list-accounts.ts';
export { ownerScope, ownerCondition, isOwnerInScope, assertOwnerAssignable, type OwnerScope } from './owner-scope.ts';
export { normalizeDomain } from './domain-name.ts';
export { isCountryCode } from './country-codes.ts';
export { crmRoutes } from './routes.ts';
export { EMPLOYEE_BANDS, ACCOUNT_SORTS } from './schema.ts';
export type {
  Account, AccountFields, AccountSort, CreateAccountInput, UpdateAccountInput, ListAccountsQuery, EmployeeBand, CustomFields, CrmTables,
} from './schema.ts';
