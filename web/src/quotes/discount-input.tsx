import { useTranslation } from 'react-i18next';
import type { DiscountDraft, DiscountKind } from './line-draft.ts';

type DiscountInputProps = {
  id: string;
  /** Accessible name of the pair, e.g. "Discount, line 2". */
  label: string;
  currency: string;
  draft: DiscountDraft;
  onChange(draft: DiscountDraft): void;
  error?: string | undefined;
  disabled?: boolean;
  visibleLabel?: boolean;
};

/** A discount as a kind (none, percent, amount) and a typed value; the value stays text until sent. */
export function DiscountInput({ id, label, currency, draft, onChange, error, disabled, visibleLabel }: DiscountInputProps) {
  const { t } = useTranslation();
  return (
    <fieldset className={error ? 'quotes-discount quotes-discount--invalid' : 'quotes-discount'} disabled={disabled}>
      <legend className={visibleLabel ? 'field__label' : 'visually-hidden'}>{label}</legend>
      <div className="quotes-discount__inputs">
        <select
          id={`${id}-kind`}
          className="input select quotes-discount__kind"
          aria-label={t('quotes.discountKind')}
          value={draft.kind}
          onChange={(event) => onChange({ kind: event.target.value as DiscountKind, value: event.target.value === 'none' ? '' : draft.value })}
        >
          <option value="none">{t('quotes.discountNone')}</option>
          <option value="percent">{t('quotes.discountPercent')}</option>
          <option value="amount">{t('quotes.discountAmount', { currency })}</option>
        </select>
        {draft.kind === 'none' ? null : (
          <input
            id={id}
            className="input quotes-discount__value"
            inputMode="decimal"
            aria-label={draft.kind === 'percent' ? t('quotes.discountPercentValue') : t('quotes.discountAmountValue', { currency })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            value={draft.value}
            onChange={(event) => onChange({ ...draft, value: event.target.value })}
          />
        )}
      </div>
      {error ? <p className="field__error" id={`${id}-error`}>{error}</p> : null}
    </fieldset>
  );
}
