import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, toFormProblem, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
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
        {loadProblem ? (
          <Banner tone="error" title={loadProblem.title} detail={loadProblem.detail}>
            <button type="button" className="button button--secondary" onClick={load}>{t('errors.retry')}</button>
          </Banner>
        ) : rates === null ? (
          <PageLoading label={t('app.loading')} />
        ) : rates.length === 0 ? (
          <p className="card__empty">{t('settingsPages.tax.empty')}</p>
        ) : (
          <RateTable rates={rates} onEdit={setEditing} />
        )}
      </section>
    </div>
  );
}

function RateTable({ rates, onEdit }: { rates: TaxRate[]; onEdit(rate: TaxRate): void }) {
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
  const formRef = useRef<HTMLFormElement>(null);
  const [sellerCountry, setSellerCountry] = useState('');
  const [pricesIncludeTax, setPricesIncludeTax] = useState(false);
  const [problem, setProblem] = useState<FormProblem<(typeof SETTINGS_FIELDS)[number]>>({ fields: {}, banner: null });
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState(false);
  useFocusFirstInvalid(formRef, attempt);
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
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setBusy(true);
    try {
      await apiRequest('PUT', '/billing/tax-settings', { sellerCountry: sellerCountry.trim().toUpperCase(), pricesIncludeTax });
      setProblem({ fields: {}, banner: null });
      setSaved(true);
    } catch (error) {
      setProblem(toFormProblem(error, SETTINGS_FIELDS, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="tax-settings-title">
      <div className="card__header">
        <h2 id="tax-settings-title" className="card__title">{t('settingsPages.tax.settingsTitle')}</h2>
      </div>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      {saved ? <Banner tone="success" title={t('settingsPages.tax.settingsSaved')} /> : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="tax-seller-country" name="sellerCountry" autoComplete="off" maxLength={2} label={t('settingsPages.tax.sellerCountry')} hint={t('settingsPages.tax.countryHint')} value={sellerCountry} onValueChange={setSellerCountry} error={problem.fields.sellerCountry} />
        <label className="settings-pages__checkbox">
          <input type="checkbox" checked={pricesIncludeTax} onChange={(event) => setPricesIncludeTax(event.target.checked)} />
          {t('settingsPages.tax.pricesIncludeTax')}
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !loaded}>{t('settingsPages.common.save')}</button>
        </div>
      </form>
    </section>
  );
}

const RATE_FIELDS = ['sellerCountry', 'customerCountry', 'taxCategory', 'rateBps', 'name'] as const;
type RateField = (typeof RATE_FIELDS)[number];
type RateValues = { sellerCountry: string; customerCountry: string; taxCategory: string; rate: string; name: string };
const emptyRate = (): RateValues => ({ sellerCountry: '', customerCountry: '', taxCategory: 'standard', rate: '', name: '' });

function TaxRateForm({ editing, onSaved }: { editing: TaxRate | null; onSaved(rate: TaxRate): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<RateValues>(emptyRate);
  const [problem, setProblem] = useState<FormProblem<RateField>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);
  useEffect(() => {
    if (!editing) return;
    setValues({ sellerCountry: editing.sellerCountry, customerCountry: editing.customerCountry, taxCategory: editing.taxCategory, rate: bpsToPercentText(editing.rateBps), name: editing.name });
    setProblem({ fields: {}, banner: null });
    formRef.current?.querySelector<HTMLInputElement>('#tax-rate-rate')?.focus();
  }, [editing]);

  const change = (key: keyof RateValues, field: RateField) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setProblem((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bps = percentToBps(values.rate);
    if (bps === null || bps > 10_000) {
      setProblem({ fields: { rateBps: t('settingsPages.common.percentInvalid') }, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const saved = await apiRequest<TaxRate>('PUT', '/billing/tax-rates', {
        sellerCountry: values.sellerCountry.trim().toUpperCase(),
        customerCountry: values.customerCountry.trim().toUpperCase(),
        taxCategory: values.taxCategory.trim(),
        rateBps: bps,
        name: values.name.trim(),
      });
      setValues(emptyRate());
      setProblem({ fields: {}, banner: null });
      onSaved(saved);
    } catch (error) {
      setProblem(toFormProblem(error, RATE_FIELDS, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="tax-rate-form-title">
      <div className="card__header">
        <h2 id="tax-rate-form-title" className="card__title">{t('settingsPages.tax.rateFormTitle')}</h2>
      </div>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="tax-rate-name" name="name" autoComplete="off" label={t('settingsPages.tax.name')} value={values.name} onValueChange={change('name', 'name')} error={problem.fields.name} />
        <TextField id="tax-rate-seller" name="sellerCountry" autoComplete="off" maxLength={2} label={t('settingsPages.tax.sellerCountry')} value={values.sellerCountry} onValueChange={change('sellerCountry', 'sellerCountry')} error={problem.fields.sellerCountry} />
        <TextField id="tax-rate-customer" name="customerCountry" autoComplete="off" maxLength={2} label={t('settingsPages.tax.customerCountry')} value={values.customerCountry} onValueChange={change('customerCountry', 'customerCountry')} error={problem.fields.customerCountry} />
        <TextField id="tax-rate-category" name="taxCategory" autoComplete="off" label={t('settingsPages.tax.category')} value={values.taxCategory} onValueChange={change('taxCategory', 'taxCategory')} error={problem.fields.taxCategory} />
        <TextField id="tax-rate-rate" name="rate" inputMode="decimal" autoComplete="off" label={t('settingsPages.tax.ratePercent')} value={values.rate} onValueChange={change('rate', 'rateBps')} error={problem.fields.rateBps} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('settingsPages.tax.saveRate')}</button>
        </div>
      </form>
    </section>
  );
}
