import { PlaceholderPage } from '../shell/status-pages.tsx';

/** Entry of the data section: routes /data/… (imports, data quality, audit log) to its pages. */
export function DataSection({ pathname }: { pathname: string }) {
  void pathname;
  return <PlaceholderPage section="data" />;
}
