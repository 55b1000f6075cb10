import { LEDGER_ADMIN_ROLES, LEDGER_WRITE_ROLES } from '../../../src/ledger/access.ts';
import { useSession } from '../auth/session.tsx';

/** What the signed-in user may do in the ledger: the API's own role lists, so the buttons match its answers. */
export function useLedgerPermissions(): { canReverse: boolean; canClosePeriods: boolean; userId: string; userName: string } {
  const { user } = useSession();
  return { canReverse: LEDGER_WRITE_ROLES.includes(user.role), canClosePeriods: LEDGER_ADMIN_ROLES.includes(user.role), userId: user.id, userName: user.displayName };
}
