import { NotFoundPage } from '../shell/status-pages.tsx';
import { Customer360Page } from './customer-360-page.tsx';
import { CustomersListPage } from './customers-list-page.tsx';
import './customers.css';

/** Entry of the customers section: /customers (the list) and /customers/<accountId> (Customer 360). */
export function CustomersSection({ pathname }: { pathname: string }) {
  if (pathname === '/customers') return <CustomersListPage />;
  const match = /^\/customers\/([^/]+)$/.exec(pathname);
  if (match?.[1]) return <Customer360Page key={match[1]} accountId={decodeURIComponent(match[1])} />;
  return <NotFoundPage />;
}
