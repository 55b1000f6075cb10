import { Link } from '../lib/router.tsx';

/** Pages that show a record, by id prefix (docs: cross-links in the coordination notes). */
const RECORD_PAGES: readonly [string, string][] = [
  ['acct_', '/customers/'],
  ['opp_', '/pipeline/opportunities/'],
  ['quo_', '/quotes/'],
  ['inv_', '/billing/invoices/'],
  ['sub_', '/billing/subscriptions/'],
];

/** A record id, linked to its page when it has one. */
export function RecordLink({ id }: { id: string }) {
  const page = RECORD_PAGES.find(([prefix]) => id.startsWith(prefix));
  if (!page) return <span className="data-mono">{id}</span>;
  return (
    <Link to={`${page[1]}${encodeURIComponent(id)}`} className="data-mono">
      {id}
    </Link>
  );
}
