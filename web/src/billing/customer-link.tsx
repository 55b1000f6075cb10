import { Link } from '../lib/router.tsx';

/** A customer's name linking to their 360 page (inside a clickable table row, the link wins over the row). */
export function CustomerLink({ accountId, name, tabIndex }: { accountId: string; name: string; tabIndex?: number }) {
  return (
    <Link to={`/customers/${encodeURIComponent(accountId)}`} tabIndex={tabIndex} onClick={(event) => event.stopPropagation()}>
      {name}
    </Link>
  );
}
