import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { LANGUAGE_NAMES } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import type { ErrorSummary } from '../lib/problem.ts';
import { DiscountInput } from './discount-input.tsx';
import { placeErrors } from './field-errors.ts';
import { ApprovalNotes } from './inline-notes.tsx';
import { discountDraftOf, parseDiscount, type DiscountDraft } from './line-draft.ts';
import { QUOTE_LANGUAGES, type Discount, type Quote, type QuoteLanguage } from './types.ts';
import { useDebouncedSave } from './use-debounced-save.ts';
import type { QuoteBuilder } from './use-quote-builder.ts';

type Draft = { startDate: string; termMonths: string; paymentTermsDays: string; expiresOnDate: string; language: QuoteLanguage; discount: DiscountDraft };
type Changes = Partial<{ startDate: string; termMonths: number; paymentTermsDays: number; expiresOnDate: string; language: QuoteLanguage; discount: Discount | null }>;

const HEADER_METRICS: Record<string, string> = { discountBps: 'discount', totalDiscountBps: 'discount', termMonths: 'termMonths', paymentTermsDays: 'paymentTermsDays' };

function draftOf(quote: Quote): Draft {
  return {
    startDate: quote.startDate, termMonths: String(quote.termMonths), paymentTermsDays: String(quote.paymentTermsDays), expiresOnDate: quote.expiresOnDate,
    language: quote.language, discount: discountDraftOf(quote.discount, quote.currency),
  };
}

type TermsCardProps = { builder: QuoteBuilder; quote: Quote; editable: boolean; onLineErrors(errors: Record<number, Record<string, string>>): void };

/** Start date, term, payment terms, validity, document language and the header discount, saved as typed. */
export function TermsCard({ builder, quote, editable, onLineErrors }: TermsCardProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(quote));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<ErrorSummary | null>(null);
  const errors: Record<string, string> = {};
  const changes: Changes = {};
  if (draft.startDate !== quote.startDate) changes.startDate = draft.startDate;
  if (draft.expiresOnDate !== quote.expiresOnDate) changes.expiresOnDate = draft.expiresOnDate;
  if (draft.language !== quote.language) changes.language = draft.language;
  if (!/^\d{1,3}$/.test(draft.termMonths.trim())) errors['termMonths'] = t('quotes.termInvalid');
  else if (Number(draft.termMonths) !== quote.termMonths) changes.termMonths = Number(draft.termMonths);
  if (!/^\d{1,3}$/.test(draft.paymentTermsDays.trim())) errors['paymentTermsDays'] = t('quotes.daysInvalid');
  else if (Number(draft.paymentTermsDays) !== quote.paymentTermsDays) changes.paymentTermsDays = Number(draft.paymentTermsDays);
  const discount = parseDiscount(draft.discount, quote.currency, t);
  if ('error' in discount) errors['discount'] = discount.error;
  else if (JSON.stringify(discount.value) !== JSON.stringify(normalized(quote.discount))) changes.discount = discount.value;
  const ready = Object.keys(errors).length === 0 && Object.keys(changes).length > 0;

  const save = async () => {
    try {
      await builder.mutate((current) => apiRequest<Quote>('PATCH', `/quotes/${encodeURIComponent(current.id)}`, { ...changes, version: current.version }));
      setServerErrors({});
      setBanner(null);
      onLineErrors({});
    } catch (error) {
      const placed = placeErrors(error, t);
      setServerErrors(placed.header);
      setBanner(placed.banner);
      onLineErrors(placed.lines);
    }
  };
  useDebouncedSave(JSON.stringify(draft), editable && ready ? save : null);

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setServerErrors((current) => ({ ...current, [key]: '' }));
  };
  const errorOf = (field: string) => errors[field] ?? (serverErrors[field] || undefined);
  const notesAt = (field: string) => (builder.checks?.approvals ?? []).filter((a) => HEADER_METRICS[a.condition.metric ?? ''] === field);
  return (
    <section className="card" aria-labelledby="quote-terms-title">
      <div className="card__header">
        <h2 id="quote-terms-title" className="card__title">{t('quotes.termsTitle')}</h2>
      </div>
      {banner ? <Banner tone="error" title={banner.title} detail={banner.detail} /> : null}
      <fieldset className="form form--grid quotes-terms" disabled={!editable}>
        <DateField id="terms-start" label={t('quotes.startDate')} value={draft.startDate} onValueChange={set('startDate')} error={errorOf('startDate')} />
        <div>
          <TextField id="terms-months" inputMode="numeric" label={t('quotes.termMonths')} value={draft.termMonths} onValueChange={set('termMonths')} error={errorOf('termMonths')} />
          <ApprovalNotes approvals={notesAt('termMonths')} />
        </div>
        <div>
          <TextField id="terms-payment" inputMode="numeric" label={t('quotes.paymentTermsDays')} value={draft.paymentTermsDays} onValueChange={set('paymentTermsDays')} error={errorOf('paymentTermsDays')} />
          <ApprovalNotes approvals={notesAt('paymentTermsDays')} />
        </div>
        <DateField id="terms-expires" label={t('quotes.expiresOnDate')} hint={t('quotes.expiresHint')} value={draft.expiresOnDate} onValueChange={set('expiresOnDate')} error={errorOf('expiresOnDate')} />
        <SelectField id="terms-language" label={t('quotes.language')} value={draft.language} options={QUOTE_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} onValueChange={set('language')} error={errorOf('language')} />
        <div>
          <DiscountInput id="terms-discount" label={t('quotes.headerDiscount')} visibleLabel currency={quote.currency} draft={draft.discount} onChange={set('discount')} error={errorOf('discount')} />
          <ApprovalNotes approvals={notesAt('discount')} />
        </div>
      </fieldset>
    </section>
  );
}

function normalized(discount: Discount | null): Discount | null {
  if (discount === null || 'percentBps' in discount) return discount;
  return { amount: { amountMinor: String(discount.amount.amountMinor), currency: discount.amount.currency } };
}
