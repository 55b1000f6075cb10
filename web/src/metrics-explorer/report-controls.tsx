import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { SelectField } from '../components/field.tsx';
import { MonthField } from '../components/month-field.tsx';
import { useCompanyCurrency } from './company-currency.ts';
import type { Breakdown, Interval, ReportQuery } from './metrics-api.ts';
import { alignRange, isMonthKey, presetOf, presetRange, PERIOD_PRESETS, type PeriodPreset } from './period-range.ts';
import type { QueryField } from './query-problem.ts';
import { useSegmentName } from './segment-name.tsx';

export const REPORTING_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN'] as const;
export type ReportSettings = ReportQuery & { segmentValue: string | null };

type ReportControlsProps = {
  idPrefix: string;
  value: ReportSettings;
  onChange(next: ReportSettings): void;
  intervals: readonly Interval[];
  /** The breakdowns offered (the explorer); the dashboard offers a segment filter only. */
  breakdowns: readonly Breakdown[] | 'segment-filter';
  segmentValues: readonly string[];
  errors?: Partial<Record<QueryField, string>> | undefined;
};

/** Period (preset or custom months), interval, breakdown and its value, and reporting currency. */
export function ReportControls({ idPrefix, value, onChange, intervals, breakdowns, segmentValues, errors = {} }: ReportControlsProps) {
  const { t } = useT();
  const [preset, setPreset] = useState<PeriodPreset>(() => presetOf(value));
  const [draft, setDraft] = useState({ from: value.from, to: value.to });
  useEffect(() => setDraft({ from: value.from, to: value.to }), [value.from, value.to]);
  const rangeError = isMonthKey(draft.from) && isMonthKey(draft.to) && draft.to < draft.from ? t('metricsExplorer.controls.toBeforeFrom') : undefined;

  const apply = (next: Partial<ReportSettings>) => {
    const merged = { ...value, ...next };
    onChange({ ...merged, ...alignRange(merged, merged.interval) });
  };
  const changeMonth = (field: 'from' | 'to', month: string) => {
    const next = { ...draft, [field]: month };
    setDraft(next);
    if (isMonthKey(next.from) && isMonthKey(next.to) && next.from <= next.to) apply(next);
  };
  const currencyOptions = useCurrencyOptions(value.currency);
  const nameOf = useSegmentName();
  const knownValues = value.segmentValue !== null && !segmentValues.includes(value.segmentValue) ? [...segmentValues, value.segmentValue] : segmentValues;
  const segmentOptions = [{ value: '', label: t('metricsExplorer.controls.allValues') }, ...knownValues.map((segment) => ({ value: segment, label: segment === '(none)' ? t('metricsExplorer.noneValue') : nameOf(segment) }))];

  return (
    <div className="metrics-controls" role="group" aria-label={t('metricsExplorer.controls.label')}>
      <SelectField
        id={`${idPrefix}-period`} label={t('metricsExplorer.controls.period')} value={preset}
        options={PERIOD_PRESETS.map((option) => ({ value: option, label: t(`metricsExplorer.presets.${option}`) }))}
        onValueChange={(next) => {
          setPreset(next);
          if (next !== 'custom') apply(presetRange(next));
        }}
      />
      {preset === 'custom' ? (
        <>
          <MonthField id={`${idPrefix}-from`} label={t('metricsExplorer.controls.from')} value={draft.from} onValueChange={(month) => changeMonth('from', month)} error={errors.from} hint={t('metricsExplorer.controls.monthHint')} required />
          <MonthField id={`${idPrefix}-to`} label={t('metricsExplorer.controls.to')} value={draft.to} onValueChange={(month) => changeMonth('to', month)} error={rangeError ?? errors.to} required />
        </>
      ) : null}
      <SelectField
        id={`${idPrefix}-interval`} label={t('metricsExplorer.controls.interval')} value={value.interval} error={errors.interval}
        options={intervals.map((interval) => ({ value: interval, label: t(`metricsExplorer.intervals.${interval}`) }))}
        onValueChange={(interval) => apply({ interval })}
      />
      {breakdowns === 'segment-filter' ? null : (
        <SelectField
          id={`${idPrefix}-breakdown`} label={t('metricsExplorer.controls.breakdown')} value={value.breakdown ?? ''} error={errors.segment}
          options={[{ value: '', label: t('metricsExplorer.breakdowns.none') }, ...breakdowns.map((breakdown) => ({ value: breakdown, label: t(`metricsExplorer.breakdowns.${breakdown}`) }))]}
          onValueChange={(breakdown) => apply({ breakdown: breakdown === '' ? null : breakdown, segmentValue: null })}
        />
      )}
      {breakdowns === 'segment-filter' || value.breakdown !== null ? (
        <SelectField
          id={`${idPrefix}-segment`} label={breakdowns === 'segment-filter' ? t('metricsExplorer.controls.segment') : t('metricsExplorer.controls.breakdownValue')}
          value={value.segmentValue ?? ''} options={segmentOptions} error={breakdowns === 'segment-filter' ? errors.segment : undefined}
          onValueChange={(segmentValue) => apply({ segmentValue: segmentValue === '' ? null : segmentValue, ...(breakdowns === 'segment-filter' ? { breakdown: segmentValue === '' ? null : 'segment' } : {}) })}
        />
      ) : null}
      <SelectField
        id={`${idPrefix}-currency`} label={t('metricsExplorer.controls.currency')} value={value.currency ?? ''} error={errors.currency}
        options={currencyOptions}
        onValueChange={(currency) => apply({ currency: currency === '' ? null : currency })}
      />
    </div>
  );
}

/**
 * "Original currencies" (figures per currency, `currency=original` in the URL when the company has
 * a currency), then the reporting currencies; the company's is marked, and offered even when it is
 * not in the short list, as is one a link named.
 */
function useCurrencyOptions(current: string | null): Array<{ value: string; label: string }> {
  const { t } = useT();
  const companyCurrency = useCompanyCurrency() ?? null;
  const codes = [...new Set([...(companyCurrency ? [companyCurrency] : []), ...REPORTING_CURRENCIES, ...(current ? [current] : [])])];
  return [
    { value: '', label: t('metricsExplorer.controls.originalCurrencies') },
    ...codes.map((code) => ({ value: code, label: code === companyCurrency ? t('metricsExplorer.controls.companyCurrency', { code }) : code })),
  ];
}
