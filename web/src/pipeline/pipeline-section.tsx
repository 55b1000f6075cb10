import { PlaceholderPage } from '../shell/status-pages.tsx';

/** Entry of the pipeline section: routes /pipeline/… to its pages. */
export function PipelineSection({ pathname }: { pathname: string }) {
  void pathname;
  return <PlaceholderPage section="pipeline" />;
}
