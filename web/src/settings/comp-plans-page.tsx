import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../components/date-field.tsx';
import { TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { ListState } from './list-state.tsx';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';
import { bpsToPercentText, fieldNamesOf, formatBps, formatPlainDate, percentToBps, toNestedFormProblem } from './settings-kit.ts';

const DEAL_TYPES = ['new', 'expansion', 'renewal'] as const;
type DealType = (typeof DEAL_TYPES)[number];
const BASES = ['first_year', 'acv'] as const;
type Basis = (typeof BASES)[number];
type Rate = { dealType: DealType; productFamily: string | null; basis: Basis; rateBps: number };
type Plan = { id: string; name: string; effectiveFromDate: string; effectiveToDate: string | null; clawbackDays: number; rates: Rate[]; repUserIds: string[]; version: number };

/** A rate row as edited: the percentage stays text until saved, so nothing typed is lost. */
type RateRow = { rowId: number; dealType: DealType; productFamily: string; basis: Basis; rate: string };
type Values = { name: string; effectiveFromDate: string; effectiveToDate: string; clawbackDays: string; repUserIds: string; rates: RateRow[] };

let nextRowId = 1;
const newRate = (dealType: DealType = 'new'): RateRow => ({ rowId: nextRowId++, dealType, productFamily: '', basis: 'first_year', rate: '' });
const emptyValues = (): Values => ({ name: '', effectiveFromDate: '', effectiveToDate: '', clawbackDays: '90', repUserIds: '', rates: [newRate()] });
const valuesOf = (plan: Plan): Values => ({
  name: plan.name,
  effectiveFromDate: plan.effectiveFromDate,
  effectiveToDate: plan.effectiveToDate ?? '',
  clawbackDays: String(plan.clawbackDays),
  repUserIds: plan.repUserIds.join(', '),
  rates: plan.rates.map((rate) => ({ rowId: nextRowId++, dealType: rate.dealType, productFamily: rate.productFamily ?? '', basis: rate.basis, rate: bpsToPercentText(rate.rateBps) })),
});

export function CompPlansPage() {
  const { t } = useTranslation();
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [editing, setEditing] = useState<Plan | null>(null);

  const load = useCallback(() => {
    setLoadProblem(null);
    apiRequest<{ data: Plan[] }>('GET', '/commission-plans')
      .then((result) => setPlans(result.data))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.plans.intro')}</p>
      <PlanForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onCancel={() => setEditing(null)}
        onSaved={(plan) => {
          setEditing(null);
          setPlans((current) => [...(current ?? []).filter((candidate) => candidate.id !== plan.id), plan]);
        }}
      />
      <section className="card" aria-labelledby="plans-list-title">
        <div className="card__header">
          <h2 id="plans-list-title" className="card__title">{t('settingsPages.plans.listTitle')}</h2>
        </div>
        <ListState items={plans} problem={loadProblem} onRetry={load} emptyText={t('settingsPages.plans.empty')}>
          {(items) => <PlanTable plans={items} onEdit={setEditing} />}
        </ListState>
      </section>
    </div>
  );
}

function PlanTable({ plans, onEdit }: { plans: readonly Plan[]; onEdit(plan: Plan): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('settingsPages.plans.name')}</th>
            <th scope="col">{t('settingsPages.plans.effective')}</th>
            <th scope="col">{t('settingsPages.plans.rates')}</th>
            <th scope="col">{t('settingsPages.plans.clawbackDays')}</th>
            <th scope="col">{t('settingsPages.plans.reps')}</th>
            <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.id} data-testid="plan-row">
              <th scope="row" className="table__primary">{plan.name}</th>
              <td className="table__nowrap">{plan.effectiveToDate
                  ? t('settingsPages.plans.range', { from: formatPlainDate(plan.effectiveFromDate, locale), to: formatPlainDate(plan.effectiveToDate, locale) })
                  : t('settingsPages.plans.from', { date: formatPlainDate(plan.effectiveFromDate, locale) })}</td>
              <td>
                <ul className="settings-pages__plain-list">
                  {plan.rates.map((rate) => (
                    <li key={`${rate.dealType}:${rate.productFamily ?? ''}`}>
                      {t('settingsPages.plans.rateLine', {
                        dealType: t(`settingsPages.plans.dealType.${rate.dealType}`),
                        family: rate.productFamily ?? t('settingsPages.plans.allFamilies'),
                        rate: formatBps(rate.rateBps, locale),
                        basis: t(`settingsPages.plans.basis.${rate.basis}`),
                      })}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{plan.clawbackDays}</td>
              <td>{plan.repUserIds.length}</td>
              <td className="table__actions">
                <button type="button" className="button button--ghost button--small" aria-label={t('settingsPages.plans.editLabel', { name: plan.name })} onClick={() => onEdit(plan)}>
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

function PlanForm({ editing, onSaved, onCancel }: { editing: Plan | null; onSaved(plan: Plan): void; onCancel(): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<string>();
  const [values, setValues] = useState<Values>(() => (editing ? valuesOf(editing) : emptyValues()));
  const { problem } = form;

  const set = (patch: Partial<Values>) => setValues((current) => ({ ...current, ...patch }));
  const setRate = (index: number, patch: Partial<RateRow>) => set({ rates: values.rates.map((row, i) => (i === index ? { ...row, ...patch } : row)) });

  const submit = async () => {
    const rateErrors = Object.fromEntries(
      values.rates.flatMap((row, index) => {
        const bps = percentToBps(row.rate);
        return bps === null || bps > 10_000 ? [[`rates_${index}_rateBps`, t('settingsPages.common.percentInvalid')]] : [];
      }),
    );
    if (form.refuse(rateErrors)) return;
    const body = {
      name: values.name.trim(),
      effectiveFromDate: values.effectiveFromDate,
      effectiveToDate: values.effectiveToDate === '' ? null : values.effectiveToDate,
      clawbackDays: /^\d+$/.test(values.clawbackDays.trim()) ? Number(values.clawbackDays.trim()) : values.clawbackDays,
      repUserIds: values.repUserIds.split(/[\s,;]+/).filter((id) => id !== ''),
      rates: values.rates.map((row) => ({ dealType: row.dealType, productFamily: row.productFamily.trim() === '' ? null : row.productFamily.trim(), basis: row.basis, rateBps: percentToBps(row.rate) ?? 0 })),
    };
    await form.send(async () => {
      const plan = editing
        ? await apiRequest<Plan>('PATCH', `/commission-plans/${encodeURIComponent(editing.id)}`, { ...body, version: editing.version })
        : await apiRequest<Plan>('POST', '/commission-plans', body);
      setValues(emptyValues());
      onSaved(plan);
    }, (error) => toNestedFormProblem(error, fieldNamesOf(error), t));
  };

  const rateError = (index: number, field: string) => problem.fields[`rates_${index}_${field}`];
  return (
    <SettingsFormCard id="plan-form" title={editing ? t('settingsPages.plans.editTitle', { name: editing.name }) : t('settingsPages.plans.createTitle')} form={form} onSubmit={() => void submit()}>
      <TextField id="plan-name" name="name" autoComplete="off" label={t('settingsPages.plans.name')} value={values.name} onValueChange={(name) => set({ name })} error={problem.fields['name']} required />
      <TextField id="plan-clawback" name="clawbackDays" inputMode="numeric" autoComplete="off" label={t('settingsPages.plans.clawbackDays')} value={values.clawbackDays} onValueChange={(clawbackDays) => set({ clawbackDays })} error={problem.fields['clawbackDays']} />
      <DateField id="plan-from" name="effectiveFromDate" label={t('settingsPages.plans.effectiveFrom')} value={values.effectiveFromDate} onValueChange={(effectiveFromDate) => set({ effectiveFromDate })} error={problem.fields['effectiveFromDate']} required />
      <DateField id="plan-to" name="effectiveToDate" label={t('settingsPages.plans.effectiveTo')} optionalLabel={t('common.optional')} hint={t('settingsPages.plans.effectiveToHint')} value={values.effectiveToDate} onValueChange={(effectiveToDate) => set({ effectiveToDate })} error={problem.fields['effectiveToDate']} />
      <fieldset className="settings-pages__fieldset">
        <legend className="field__label">{t('settingsPages.plans.rates')}</legend>
        {problem.fields['rates'] ? <p className="field__error">{problem.fields['rates']}</p> : null}
        <table className="table settings-pages__edit-table">
          <thead>
            <tr>
              <th scope="col">{t('settingsPages.plans.dealTypeLabel')}</th>
              <th scope="col">{t('settingsPages.plans.productFamily')}</th>
              <th scope="col">{t('settingsPages.plans.basisLabel')}</th>
              <th scope="col">{t('settingsPages.plans.ratePercent')}</th>
              <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {values.rates.map((row, index) => (
              <tr key={row.rowId}>
                <td>
                  <select className="input select" aria-label={t('settingsPages.plans.dealTypeOf', { position: index + 1 })} value={row.dealType} onChange={(event) => setRate(index, { dealType: DEAL_TYPES.find((type) => type === event.target.value) ?? 'new' })}>
                    {DEAL_TYPES.map((type) => <option key={type} value={type}>{t(`settingsPages.plans.dealType.${type}`)}</option>)}
                  </select>
                </td>
                <td>
                  <RateInput id={`plan-rate-${index}-family`} label={t('settingsPages.plans.familyOf', { position: index + 1 })} placeholder={t('settingsPages.plans.allFamilies')} value={row.productFamily} error={rateError(index, 'productFamily')} onChange={(productFamily) => setRate(index, { productFamily })} />
                </td>
                <td>
                  <select className="input select" aria-label={t('settingsPages.plans.basisOf', { position: index + 1 })} value={row.basis} onChange={(event) => setRate(index, { basis: BASES.find((basis) => basis === event.target.value) ?? 'first_year' })}>
                    {BASES.map((basis) => <option key={basis} value={basis}>{t(`settingsPages.plans.basis.${basis}`)}</option>)}
                  </select>
                </td>
                <td>
                  <RateInput id={`plan-rate-${index}-rate`} label={t('settingsPages.plans.rateOf', { position: index + 1 })} value={row.rate} error={rateError(index, 'rateBps')} onChange={(rate) => setRate(index, { rate })} />
                </td>
                <td className="table__actions">
                  <button type="button" className="button button--danger-ghost button--small" aria-label={t('settingsPages.plans.removeRateOf', { position: index + 1 })} disabled={values.rates.length === 1} onClick={() => set({ rates: values.rates.filter((_, i) => i !== index) })}>
                    {t('settingsPages.common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button button--secondary button--small" onClick={() => set({ rates: [...values.rates, newRate('expansion')] })}>{t('settingsPages.plans.addRate')}</button>
      </fieldset>
      <TextField id="plan-reps" name="repUserIds" autoComplete="off" label={t('settingsPages.plans.repUserIds')} optionalLabel={t('common.optional')} hint={t('settingsPages.plans.repUserIdsHint')} value={values.repUserIds} onValueChange={(repUserIds) => set({ repUserIds })} error={problem.fields['repUserIds'] ?? problem.fields['repUserIds_0']} />
      <div className="form__actions">
        {editing ? <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button> : null}
        <button type="submit" className="button button--primary" disabled={form.busy}>{editing ? t('settingsPages.common.save') : t('settingsPages.plans.create')}</button>
      </div>
    </SettingsFormCard>
  );
}

function RateInput({ id, label, value, error, placeholder, onChange }: { id: string; label: string; value: string; error: string | undefined; placeholder?: string; onChange(value: string): void }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <input id={id} className="input" aria-label={label} autoComplete="off" placeholder={placeholder} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? <p className="field__error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}
