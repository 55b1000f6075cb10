import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../lib/api.ts';
import { DiscountInput } from './discount-input.tsx';
import { placeErrors } from './field-errors.ts';
import { ApprovalNotes, RuleNotes } from './inline-notes.tsx';
import { lineChanges, lineDraftOf, type LineDraft } from './line-draft.ts';
import type { Product, Quote, QuoteChecks, QuoteLine } from './types.ts';
import { useDebouncedSave } from './use-debounced-save.ts';
import type { QuoteBuilder } from './use-quote-builder.ts';
import { money } from './use-money.ts';

type LineRowProps = {
  quote: Quote;
  line: QuoteLine;
  product: Product | undefined;
  checks: QuoteChecks | null;
  editable: boolean;
  mutate: QuoteBuilder['mutate'];
  /** Errors the server placed at this line from another request (a term change it no longer fits). */
  outsideErrors: Record<string, string> | undefined;
};

/** One quote line: quantity (or a ramp per contract year) and discount, saved as typed; the server's amounts. */
export function LineRow({ quote, line, product, checks, editable, mutate, outsideErrors }: LineRowProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LineDraft>(() => lineDraftOf(line, quote.currency));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const { changes, errors } = lineChanges(draft, line, quote.currency, t);
  const hasChanges = Object.keys(changes).length > 0 && Object.keys(errors).length === 0;
  const base = `/quotes/${encodeURIComponent(quote.id)}/lines/${encodeURIComponent(line.id)}`;

  const save = async () => {
    try {
      await mutate(() => apiRequest<Quote>('PATCH', base, changes));
      setServerErrors({});
      setBanner(null);
    } catch (error) {
      const placed = placeErrors(error, t, line.lineNumber);
      setServerErrors(placed.lines[line.lineNumber] ?? {});
      setBanner(placed.banner ? [placed.banner.title, placed.banner.detail].filter(Boolean).join(': ') : null);
    }
  };
  useDebouncedSave(JSON.stringify(draft), editable && hasChanges ? save : null);

  const edit = (next: LineDraft, field: string) => {
    setDraft(next);
    setServerErrors((current) => ({ ...current, [field]: '' }));
  };
  const remove = async () => {
    try {
      await mutate(() => apiRequest<Quote>('DELETE', base));
    } catch (error) {
      const placed = placeErrors(error, t, line.lineNumber);
      setBanner(placed.banner?.detail ?? placed.banner?.title ?? null);
    }
  };
  const years = Math.max(1, Math.ceil(quote.termMonths / 12));
  const errorOf = (field: string) => errors[field] ?? (serverErrors[field] || undefined) ?? outsideErrors?.[field];
  const name = product ? product.name : line.productId;
  const label = t('quotes.lineLabel', { number: line.lineNumber, name });
  const approvals = (checks?.approvals ?? []).filter((a) => a.lineNumbers.includes(line.lineNumber));
  const rules = (checks?.configuration ?? []).filter((c) => c.lineNumbers.includes(line.lineNumber)).map((c) => ({ key: c.ruleId, text: c.message }));
  const id = `line-${line.lineNumber}`;
  return (
    <li className="quotes-line" data-testid="quote-line" aria-label={label}>
      <div className="quotes-line__head">
        <div>
          <p className="quotes-line__name">{`${line.lineNumber}. ${name}`}</p>
          <p className="muted quotes-line__meta">
            {product?.sku}
            {line.oneTime ? <span className="badge badge--neutral quotes-line__badge">{t('quotes.oneTime')}</span> : null}
          </p>
        </div>
        {editable ? (
          <button type="button" className="button button--danger-ghost button--small" onClick={() => void remove()} aria-label={t('quotes.removeLine', { name: label })}>
            {t('quotes.remove')}
          </button>
        ) : null}
      </div>
      <div className="quotes-line__edit">
        {draft.rampOn ? (
          <fieldset className="quotes-ramp" disabled={!editable}>
            <legend className="field__label">{t('quotes.rampLegend')}</legend>
            {Array.from({ length: years }, (_, index) => (
              <label key={index} className="quotes-ramp__year">
                <span>{t('quotes.rampYear', { year: index + 1 })}</span>
                <input className="input" inputMode="numeric" value={draft.ramp[index] ?? ''} aria-invalid={errorOf('ramp') ? true : undefined}
                  onChange={(event) => edit({ ...draft, ramp: Array.from({ length: years }, (_, i) => (i === index ? event.target.value : (draft.ramp[i] ?? draft.quantity))) }, 'ramp')} />
              </label>
            ))}
            {errorOf('ramp') ? <p className="field__error">{errorOf('ramp')}</p> : null}
          </fieldset>
        ) : (
          <div className={errorOf('quantity') ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor={`${id}-quantity`}>{t('quotes.quantity')}</label>
            <input id={`${id}-quantity`} className="input quotes-line__qty" inputMode="numeric" disabled={!editable} value={draft.quantity}
              aria-invalid={errorOf('quantity') ? true : undefined} aria-describedby={errorOf('quantity') ? `${id}-quantity-error` : undefined}
              onChange={(event) => edit({ ...draft, quantity: event.target.value }, 'quantity')} />
            {errorOf('quantity') ? <p className="field__error" id={`${id}-quantity-error`}>{errorOf('quantity')}</p> : null}
          </div>
        )}
        <DiscountInput id={`${id}-discount`} label={t('quotes.lineDiscount')} visibleLabel currency={quote.currency} draft={draft.discount} disabled={!editable}
          onChange={(discount) => edit({ ...draft, discount }, 'discount')} error={errorOf('discount')} />
        {!line.oneTime && years > 1 ? (
          <label className="quotes-line__ramp-toggle">
            <input type="checkbox" checked={draft.rampOn} disabled={!editable}
              onChange={(event) => edit({ ...draft, rampOn: event.target.checked, ramp: Array.from({ length: years }, (_, i) => draft.ramp[i] ?? draft.quantity) }, 'ramp')} />
            <span>{t('quotes.rampToggle')}</span>
          </label>
        ) : null}
      </div>
      <dl className="quotes-line__amounts">
        <div><dt>{t('quotes.list')}</dt><dd>{money(line.amounts.list)}</dd></div>
        <div><dt>{t('quotes.discounts')}</dt><dd>{money(line.amounts.lineDiscount)}</dd></div>
        <div><dt>{t('quotes.net')}</dt><dd data-testid="line-net">{money(line.amounts.net)}</dd></div>
      </dl>
      {banner ? <p className="field__error" role="alert">{banner}</p> : null}
      <RuleNotes messages={rules} />
      <ApprovalNotes approvals={approvals} />
    </li>
  );
}
