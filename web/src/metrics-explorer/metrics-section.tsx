import { NotFoundPage } from '../shell/status-pages.tsx';
import { MetricsExplorerPage } from './metrics-explorer-page.tsx';

/** Entry of the metrics section: /metrics is the explorer (its state in the query string). */
export function MetricsSection({ pathname }: { pathname: string }) {
  return pathname === '/metrics' ? <MetricsExplorerPage /> : <NotFoundPage />;
}
