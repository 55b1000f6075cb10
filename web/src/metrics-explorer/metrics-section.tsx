import { PlaceholderPage } from '../shell/status-pages.tsx';

/** Entry of the metrics section: routes /metrics/… to its pages. */
export function MetricsSection({ pathname }: { pathname: string }) {
  void pathname;
  return <PlaceholderPage section="metrics" />;
}
