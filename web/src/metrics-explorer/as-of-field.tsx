import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/field.tsx';
import { instantToLocalInput, localInputToInstant } from './as-of.ts';

type AsOfFieldProps = { id: string; value: string | null; onChange(instant: string | null): void; error?: string | undefined };

/**
 * "As reported at": the instant in local time; empty means now. The MRR family and the finance
 * metrics answer it; for the others the API's 400 (querystring.asOf) is shown here as the field's error.
 */
export function AsOfField({ id, value, onChange, error }: AsOfFieldProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => instantToLocalInput(value));
  useEffect(() => setDraft(instantToLocalInput(value)), [value]);
  const change = (text: string) => {
    setDraft(text);
    if (text === '') onChange(null);
    const instant = localInputToInstant(text);
    if (instant !== null && instant !== value) onChange(instant);
  };
  return (
    <div className="metrics-as-of">
      <TextField id={id} type="datetime-local" step={1} label={t('metricsExplorer.asOf.label')} hint={t('metricsExplorer.asOf.hint')} value={draft} onValueChange={change} error={error} />
      {value !== null ? (
        <button type="button" className="button button--ghost button--small metrics-as-of__clear" onClick={() => onChange(null)}>
          {t('metricsExplorer.asOf.clear')}
        </button>
      ) : null}
    </div>
  );
}
