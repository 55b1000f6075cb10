import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, toFormProblem } from '../lib/problem.ts';
import { setCompanyCurrency } from '../metrics-explorer/company-currency.ts';
import { REPORTING_CURRENCIES } from '../metrics-explorer/report-controls.tsx';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';

const FIELDS = ['reportingCurrency'] as const;
type Setting = { reportingCurrency: string | null };

/**
 * The company reporting currency (PUT /settings/reporting-currency, audited): what the dashboard,
 * the metrics explorer and AR aging convert into when a view names no currency. Empty: figures per
 * currency. A code Revline does not know is refused by the server (422 at the field).
 */
export function ReportingCurrencyForm() {
  const { t } = useTranslation();
  const form = useSettingsForm<(typeof FIELDS)[number]>();
  const { problem, setProblem } = form;
  const [code, setCode] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState<Setting | null>(null);
  useEffect(() => {
    let live = true;
    apiRequest<Setting>('GET', '/settings/reporting-currency')
      .then((stored) => live && setCode(stored.reportingCurrency ?? ''))
      .catch((error: unknown) => live && setProblem({ fields: {}, banner: summarizeError(error, t) }))
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [t, setProblem]);

  const submit = async () => {
    setSaved(null);
    await form.send(async () => {
      const trimmed = code.trim();
      const stored = await apiRequest<Setting>('PUT', '/settings/reporting-currency', { reportingCurrency: trimmed === '' ? null : trimmed });
      setCode(stored.reportingCurrency ?? '');
      setCompanyCurrency(stored.reportingCurrency);
      setSaved(stored);
    }, (error) => toFormProblem(error, FIELDS, t));
  };
  const success = saved === null ? null
    : saved.reportingCurrency === null ? t('settingsPages.fx.reportingCleared') : t('settingsPages.fx.reportingSaved', { code: saved.reportingCurrency });

  return (
    <SettingsFormCard id="reporting-currency" title={t('settingsPages.fx.reportingTitle')} form={form} layout="inline" success={success} onSubmit={() => void submit()}>
      <TextField
        id="reporting-currency-code" name="reportingCurrency" autoComplete="off" maxLength={3} list="reporting-currency-codes"
        label={t('settingsPages.fx.reportingCurrency')} hint={t('settingsPages.fx.reportingHint')} value={code}
        onValueChange={(next) => {
          setCode(next);
          form.clearField('reportingCurrency');
        }}
        error={problem.fields.reportingCurrency}
      />
      <datalist id="reporting-currency-codes">
        {REPORTING_CURRENCIES.map((option) => <option key={option} value={option} />)}
      </datalist>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy || !loaded}>{t('settingsPages.common.save')}</button>
      </div>
    </SettingsFormCard>
  );
}
