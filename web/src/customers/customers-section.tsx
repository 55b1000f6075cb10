import { PlaceholderPage } from '../shell/status-pages.tsx';

/** Entry of the customers section: routes /customers/… to its pages. */
export function CustomersSection({ pathname }: { pathname: string }) {
  void pathname;
  return <PlaceholderPage section="customers" />;
}
