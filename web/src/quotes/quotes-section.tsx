import { PlaceholderPage } from '../shell/status-pages.tsx';

/** Entry of the quotes section: routes /quotes/… to its pages. */
export function QuotesSection({ pathname }: { pathname: string }) {
  void pathname;
  return <PlaceholderPage section="quotes" />;
}
