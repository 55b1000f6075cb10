import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, toFormProblem, type ErrorSummary } from '../lib/problem.ts';
import { ListState } from './list-state.tsx';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';
import { bpsToPercentText, formatBps, percentToBps } from './settings-kit.ts';

type TaxRate = { sellerCountry: string; customerCountry: string; taxCategory: string; rateBps: number; name: string };
const rateKey = (rate: TaxRate) => `${rate.sellerCountry}:${rate.customerCountry}:${rate.taxCategory}`;

export function TaxPage() {
  const { t } = useTranslation();
  const [rates, setRates] = useState<TaxRate[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [editing, setEditing] = useState<TaxRate | null>(null);

  const load = useCallback(() => {
    setLoadProblem(null);
    apiRequest<{ data: TaxRate[] }>('GET', '/billing/tax-rates')
      .then((result) => setRates(result.data))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.tax.intro')}</p>
      <TaxSettingsForm />
      <TaxRateForm
        editing={editing}
        onSaved={(saved) => {
          setEditing(null);
          setRates((current) => {
            const others = (current ?? []).filter((rate) => rateKey(rate) !== rateKey(saved));
            return [...others, saved].sort((a, b) => rateKey(a).localeCompare(rateKey(b)));
          });
        }}
      />
      <section className="card" aria-labelledby="tax-rates-title">
        <div className="card__header">
          <h2 id="tax-rates-title" className="card__title">{t('settingsPages.tax.ratesTitle')}</h2>
        </div>
        <ListState items={rates} problem={loadProblem} onRetry={load} emptyText={t('settingsPages.tax.empty')}>
          {(items) => <RateTable rates={items} onEdit={setEditing} />}
        </ListState>
      </section>
    </div>
  );
}

function RateTable({ rates, onEdit }: { rates: readonly TaxRate[]; onEdit(rate: TaxRate): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('settingsPages.tax.name')}</th>
            <th scope="col">{t('settingsPages.tax.sellerCountry')}</th>
            <th scope="col">{t('settingsPages.tax.customerCountry')}</th>
            <th scope="col">{t('settingsPages.tax.category')}</th>
            <th scope="col" className="settings-pages__numeric">{t('settingsPages.tax.rate')}</th>
            <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rates.map((rate) => (
            <tr key={rateKey(rate)} data-testid="tax-rate-row">
              <th scope="row" className="table__primary">{rate.name}</th>
              <td>{rate.sellerCountry}</td>
              <td>{rate.customerCountry}</td>
              <td><code className="code">{rate.taxCategory}</code></td>
              <td className="settings-pages__numeric">{formatBps(rate.rateBps, locale)}</td>
              <td className="table__actions">
                <button type="button" className="button button--ghost button--small" aria-label={t('settingsPages.tax.editLabel', { name: rate.name, seller: rate.sellerCountry, customer: rate.customerCountry })} onClick={() => onEdit(rate)}>
                  {t('settingsPages.common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SETTINGS_FIELDS = ['sellerCountry', 'pricesIncludeTax'] as const;

function TaxSettingsForm() {
  const { t } = useTranslation();
  const form = useSettingsForm<(typeof SETTINGS_FIELDS)[number]>();
  const { problem, setProblem } = form;
  const [sellerCountry, setSellerCountry] = useState('');
  const [pricesIncludeTax, setPricesIncludeTax] = useState(false);
  const [saved, setSaved] = useState(false);
  const [loaded, setLoaded] = useState(false);
  // The form starts from what is stored, so saving without a change keeps it (no country yet: empty).
  useEffect(() => {
    let live = true;
    apiRequest<{ sellerCountry: string | null; pricesIncludeTax: boolean }>('GET', '/billing/tax-settings')
      .then((stored) => {
        if (!live) return;
        setSellerCountry(stored.sellerCountry ?? '');
        setPricesIncludeTax(stored.pricesIncludeTax);
      })
      .catch((error: unknown) => {
        if (live) setProblem({ fields: {}, banner: summarizeError(error, t) });
      })
      .finally(() => {
        if (live) setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, [t, setProblem]);

  const submit = async () => {
    setSaved(false);
    await form.send(async () => {
      await apiRequest('PUT', '/billing/tax-settings', { sellerCountry: sellerCountry.trim().toUpperCase(), pricesIncludeTax });
      setSaved(true);
    }, (error) => toFormProblem(error, SETTINGS_FIELDS, t));
  };

  return (
    <SettingsFormCard id="tax-settings" title={t('settingsPages.tax.settingsTitle')} form={form} success={saved ? t('settingsPages.tax.settingsSaved') : null} onSubmit={() => void submit()}>
      <TextField id="tax-seller-country" name="sellerCountry" autoComplete="off" maxLength={2} label={t('settingsPages.tax.sellerCountry')} hint={t('settingsPages.tax.countryHint')} value={sellerCountry} onValueChange={setSellerCountry} error={problem.fields.sellerCountry} />
      <label className="settings-pages__checkbox">
        <input type="checkbox" checked={pricesIncludeTax} onChange={(event) => setPricesIncludeTax(event.target.checked)} />
        {t('settingsPages.tax.pricesIncludeTax')}
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy || !loaded}>{t('settingsPages.common.save')}</button>
      </div>
    </SettingsFormCard>
  );
}

const RATE_FIELDS = ['sellerCountry', 'customerCountry', 'taxCategory', 'rateBps', 'name'] as const;
type RateField = (typeof RATE_FIELDS)[number];
type RateValues = { sellerCountry: string; customerCountry: string; taxCategory: string; rate: string; name: string };
const emptyRate = (): RateValues => ({ sellerCountry: '', customerCountry: '', taxCategory: 'standard', rate: '', name: '' });

function TaxRateForm({ editing, onSaved }: { editing: TaxRate | null; onSaved(rate: TaxRate): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<RateField>();
  const { problem, setProblem, formRef, clearField } = form;
  const [values, setValues] = useState<RateValues>(emptyRate);
  useEffect(() => {
    if (!editing) return;
    setValues({ sellerCountry: editing.sellerCountry, customerCountry: editing.customerCountry, taxCategory: editing.taxCategory, rate: bpsToPercentText(editing.rateBps), name: editing.name });
    setProblem({ fields: {}, banner: null });
    formRef.current?.querySelector<HTMLInputElement>('#tax-rate-rate')?.focus();
  }, [editing, setProblem, formRef]);

  const change = (key: keyof RateValues, field: RateField) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    clearField(field);
  };

  const submit = async () => {
    const bps = percentToBps(values.rate);
    if (bps === null || bps > 10_000) {
      form.refuse({ rateBps: t('settingsPages.common.percentInvalid') });
      return;
    }
    await form.send(async () => {
      const saved = await apiRequest<TaxRate>('PUT', '/billing/tax-rates', {
        sellerCountry: values.sellerCountry.trim().toUpperCase(),
        customerCountry: values.customerCountry.trim().toUpperCase(),
        taxCategory: values.taxCategory.trim(),
        rateBps: bps,
        name: values.name.trim(),
      });
      setValues(emptyRate());
      onSaved(saved);
    }, (error) => toFormProblem(error, RATE_FIELDS, t));
  };

  return (
    <SettingsFormCard id="tax-rate-form" title={t('settingsPages.tax.rateFormTitle')} form={form} onSubmit={() => void submit()}>
      <TextField id="tax-rate-name" name="name" autoComplete="off" label={t('settingsPages.tax.name')} value={values.name} onValueChange={change('name', 'name')} error={problem.fields.name} />
      <TextField id="tax-rate-seller" name="sellerCountry" autoComplete="off" maxLength={2} label={t('settingsPages.tax.sellerCountry')} value={values.sellerCountry} onValueChange={change('sellerCountry', 'sellerCountry')} error={problem.fields.sellerCountry} />
      <TextField id="tax-rate-customer" name="customerCountry" autoComplete="off" maxLength={2} label={t('settingsPages.tax.customerCountry')} value={values.customerCountry} onValueChange={change('customerCountry', 'customerCountry')} error={problem.fields.customerCountry} />
      <TextField id="tax-rate-category" name="taxCategory" autoComplete="off" label={t('settingsPages.tax.category')} value={values.taxCategory} onValueChange={change('taxCategory', 'taxCategory')} error={problem.fields.taxCategory} />
      <TextField id="tax-rate-rate" name="rate" inputMode="decimal" autoComplete="off" label={t('settingsPages.tax.ratePercent')} value={values.rate} onValueChange={change('rate', 'rateBps')} error={problem.fields.rateBps} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>{t('settingsPages.tax.saveRate')}</button>
      </div>
    </SettingsFormCard>
  );
}
