import { PlaceholderPage } from '../shell/status-pages.tsx';

/** Entry of the billing section: routes /billing/… to its pages. */
export function BillingSection({ pathname }: { pathname: string }) {
  void pathname;
  return <PlaceholderPage section="billing" />;
}
