import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { fetchOwners } from './api.ts';
import { OPPORTUNITY_TYPES, type OwnerOption } from './types.ts';
import type { Filters } from './use-url-filters.ts';

export const BOARD_FILTER_KEYS = ['q', 'ownerUserId', 'type', 'closeDateFrom', 'closeDateBefore'] as const;
const SEARCH_DELAY_MS = 300;

export function useOwnerOptions(): OwnerOption[] {
  const [owners, setOwners] = useState<OwnerOption[]>([]);
  useEffect(() => {
    let live = true;
    // The owner filter is a convenience: without the list it offers "anyone" only.
    fetchOwners().then((data) => live && setOwners(data), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return owners;
}

type Props = { idPrefix: string; filters: Filters; onChange(next: Filters): void; children?: ReactNode };

/** Search, owner, type and close-date range: the filters board and list share (server-side). */
export function PipelineFilters({ idPrefix, filters, onChange, children }: Props) {
  const { t } = useTranslation();
  const owners = useOwnerOptions();
  const [search, setSearch] = useState(filters['q'] ?? '');
  const urlSearch = filters['q'] ?? '';
  useEffect(() => setSearch(urlSearch), [urlSearch]);
  useEffect(() => {
    if (search.trim() === urlSearch) return undefined;
    const timer = window.setTimeout(() => onChange({ q: search.trim() }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, urlSearch, onChange]);

  return (
    <form className="pipeline-filters" role="search" aria-label={t('pipeline.filters.label')} onSubmit={(event) => { event.preventDefault(); onChange({ q: search.trim() }); }}>
      <TextField id={`${idPrefix}-q`} type="search" label={t('pipeline.filters.search')} value={search} onValueChange={setSearch} />
      <SelectField
        id={`${idPrefix}-owner`}
        label={t('pipeline.filters.owner')}
        value={filters['ownerUserId'] ?? ''}
        options={[{ value: '', label: t('pipeline.filters.anyone') }, ...owners.map((o) => ({ value: o.id, label: o.displayName }))]}
        onValueChange={(value) => onChange({ ownerUserId: value })}
      />
      <SelectField
        id={`${idPrefix}-type`}
        label={t('pipeline.filters.type')}
        value={filters['type'] ?? ''}
        options={[{ value: '', label: t('pipeline.filters.anyType') }, ...OPPORTUNITY_TYPES.map((type) => ({ value: type, label: t(`pipeline.types.${type}`) }))]}
        onValueChange={(value) => onChange({ type: value })}
      />
      <DateField id={`${idPrefix}-from`} label={t('pipeline.filters.closeFrom')} value={filters['closeDateFrom'] ?? ''} onValueChange={(value) => onChange({ closeDateFrom: value })} />
      <DateField id={`${idPrefix}-before`} label={t('pipeline.filters.closeBefore')} value={filters['closeDateBefore'] ?? ''} onValueChange={(value) => onChange({ closeDateBefore: value })} />
      {children}
    </form>
  );
}
