import { DateTimeField } from '../components/date-time-field.tsx';
import { useT } from '../i18n/use-t.ts';
import { instantToLocalInput, localInputToInstant } from './as-of.ts';

type AsOfFieldProps = { id: string; value: string | null; onChange(instant: string | null): void; error?: string | undefined };

/**
 * "As reported at": the instant in local time, day and time in the app's language; empty means now.
 * Every metric answers it (docs/metrics.md "As of"); a 400 naming querystring.asOf is shown here as
 * the field's error.
 */
export function AsOfField({ id, value, onChange, error }: AsOfFieldProps) {
  const { t } = useT();
  const change = (local: string) => {
    if (local === '') {
      if (value !== null) onChange(null);
      return;
    }
    const instant = localInputToInstant(local);
    if (instant !== null && instant !== value) onChange(instant);
  };
  return (
    <div className="metrics-as-of">
      <DateTimeField id={id} label={t('metricsExplorer.asOf.label')} hint={t('metricsExplorer.asOf.hint')} value={instantToLocalInput(value)} onValueChange={change} error={error} />
      {value !== null ? (
        <button type="button" className="button button--ghost button--small metrics-as-of__clear" onClick={() => onChange(null)}>
          {t('metricsExplorer.asOf.clear')}
        </button>
      ) : null}
    </div>
  );
}
