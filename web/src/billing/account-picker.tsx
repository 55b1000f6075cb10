import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';

type AccountOption = { id: string; name: string; currency: string };

type Props = {
  id: string; value: string; onChange(account: AccountOption | null): void; error?: string | undefined; initialName?: string;
  /** The choice of no customer ("Choose a customer" unless told, e.g. "All customers" for a filter). */
  emptyLabel?: string | undefined;
};

/** Finds a customer by name (server search, 20 at most) and picks one from a labelled list. */
export function AccountPicker({ id, value, onChange, error, initialName = '', emptyLabel }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initialName);
  const [options, setOptions] = useState<AccountOption[]>([]);
  useEffect(() => {
    let alive = true;
    const handle = window.setTimeout(() => {
      const q = query.trim();
      apiRequest<{ data: AccountOption[] }>('GET', `/accounts?limit=20${q === '' ? '' : `&q=${encodeURIComponent(q)}`}`).then(
        (page) => alive && setOptions(page.data),
        () => alive && setOptions([]),
      );
    }, 250);
    return () => {
      alive = false;
      window.clearTimeout(handle);
    };
  }, [query]);
  const known = options.some((option) => option.id === value);
  const choices = [{ value: '', label: emptyLabel ?? t('billing.payments.chooseCustomer') }, ...(value !== '' && !known ? [{ value, label: initialName || value }] : []),
    ...options.map((option) => ({ value: option.id, label: `${option.name} (${option.currency})` }))];
  return (
    <div className="billing-picker">
      <TextField id={`${id}-search`} label={t('billing.payments.searchCustomer')} value={query} onValueChange={setQuery} autoComplete="off" type="search" />
      <SelectField<string>
        id={id} label={t('billing.customer')} value={value} options={choices} error={error}
        onValueChange={(chosen) => onChange(options.find((option) => option.id === chosen) ?? (chosen === '' ? null : { id: chosen, name: initialName, currency: '' }))}
      />
    </div>
  );
}
