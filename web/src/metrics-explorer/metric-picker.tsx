import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/field.tsx';
import { familyLabel, metricTitle } from './metric-labels.ts';
import type { MetricDefinition } from './metrics-api.ts';

type MetricPickerProps = { catalogue: readonly MetricDefinition[]; value: string; onChange(name: string): void };

/** Any metric of the catalogue, grouped by what it is computed from, narrowed by a search box. */
export function MetricPicker({ catalogue, value, onChange }: MetricPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLocaleLowerCase();
  const matches = catalogue.filter((metric) => metric.name === value || needle === '' || `${metric.name} ${metricTitle(metric)} ${metric.title}`.toLocaleLowerCase().includes(needle));
  const families = [...new Set(matches.map((metric) => metric.basis))];
  return (
    <div className="metrics-picker">
      <TextField id="metrics-search" type="search" label={t('metricsExplorer.picker.search')} value={search} onValueChange={setSearch} hint={t('metricsExplorer.picker.searchHint', { n: matches.length })} autoComplete="off" />
      <div className="field">
        <label className="field__label" htmlFor="metrics-metric">{t('metricsExplorer.picker.metric')}</label>
        <select id="metrics-metric" className="input select" value={value} onChange={(event) => onChange(event.target.value)}>
          {catalogue.some((metric) => metric.name === value) ? null : <option value={value}>{value}</option>}
          {families.map((basis) => (
            <optgroup key={basis} label={familyLabel(basis)}>
              {matches.filter((metric) => metric.basis === basis).map((metric) => (
                <option key={metric.name} value={metric.name}>{metricTitle(metric)}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
}
