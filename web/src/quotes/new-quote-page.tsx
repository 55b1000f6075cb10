import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { currentLanguage, LANGUAGE_NAMES } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { listActiveBooks, searchOpportunities } from './quote-api.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';
import { SearchPicker, type PickerOption } from './search-picker.tsx';
import { QUOTE_LANGUAGES, type Opportunity, type PriceBook, type Quote, type QuoteLanguage } from './types.ts';

const FIELDS = ['opportunityId', 'priceBookId', 'startDate', 'termMonths', 'language'] as const;
type Field = (typeof FIELDS)[number];
type Values = { opportunity: PickerOption | null; currency: string; priceBookId: string; startDate: string; termMonths: string; language: QuoteLanguage };

/** /quotes/new?opportunityId=…|accountId=…: the quote's header; lines are added in the builder. */
export function NewQuotePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('quotes.newTitle'));
  const { search } = useLocation();
  const accountId = search.get('accountId');
  const formRef = useRef<HTMLFormElement>(null);
  const [books, setBooks] = useState<PriceBook[]>([]);
  const [values, setValues] = useState<Values>({ opportunity: null, currency: '', priceBookId: '', startDate: todayLocalDate(), termMonths: '12', language: currentLanguage() });
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  useEffect(() => {
    listActiveBooks().then((found) => {
      setBooks(found);
      const first = found.find((book) => book.isDefault) ?? found[0];
      setValues((v) => (v.priceBookId === '' && first ? { ...v, currency: first.currency, priceBookId: first.id } : v));
    }, (error: unknown) => setProblem(toFormProblem(error, FIELDS, t)));
    const opportunityId = search.get('opportunityId');
    if (opportunityId) {
      apiRequest<Opportunity>('GET', `/opportunities/${encodeURIComponent(opportunityId)}`).then(
        (o) => setValues((v) => ({ ...v, opportunity: { id: o.id, label: o.name, detail: o.stage } })),
        (error: unknown) => setProblem(toFormProblem(error, FIELDS, t)),
      );
    }
    // Once, for the page's initial query: a later change of the URL or language must not reset the form.
  }, []);

  const currencies = useMemo(() => [...new Set(books.map((book) => book.currency))].sort(), [books]);
  const booksInCurrency = books.filter((book) => book.currency === values.currency);
  const set = <K extends keyof Values>(key: K, value: Values[K], field?: Field) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) setProblem((p) => ({ ...p, fields: { ...p.fields, [field]: undefined } }));
  };
  const searchOpps = useCallback((text: string) => searchOpportunities(text, accountId), [accountId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormProblem<Field>['fields'] = {};
    if (!values.opportunity) fields.opportunityId = t('validation.required');
    if (!values.priceBookId) fields.priceBookId = t('validation.required');
    if (!/^\d{1,3}$/.test(values.termMonths.trim())) fields.termMonths = t('quotes.termInvalid');
    if (Object.keys(fields).length > 0) {
      setProblem({ fields, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const quote = await apiRequest<Quote>('POST', '/quotes', {
        opportunityId: values.opportunity?.id, priceBookId: values.priceBookId, startDate: values.startDate,
        termMonths: Number(values.termMonths.trim()), language: values.language,
      });
      navigate(`/quotes/${quote.id}`);
    } catch (error) {
      setProblem(toFormProblem(error, FIELDS, t));
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('quotes.newTitle')} description={t('quotes.newDescription')} />
      <section className="card">
        {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
        <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
          <div className="quotes-opportunity">
            <SearchPicker id="quote-opportunity" label={t('quotes.opportunity')} placeholder={t('quotes.searchOpportunity')} search={searchOpps} onPick={(o) => set('opportunity', o, 'opportunityId')} error={problem.fields.opportunityId} />
            <p className="quotes-opportunity__chosen" aria-live="polite" data-testid="chosen-opportunity">
              {values.opportunity ? t('quotes.chosenOpportunity', { name: values.opportunity.label }) : t('quotes.noOpportunity')}
            </p>
          </div>
          <SelectField id="quote-currency" label={t('quotes.currency')} value={values.currency} options={currencies.map((c) => ({ value: c, label: c }))}
            onValueChange={(currency) => setValues((v) => ({ ...v, currency, priceBookId: books.find((b) => b.currency === currency)?.id ?? '' }))} />
          <SelectField id="quote-price-book" label={t('quotes.priceBook')} value={values.priceBookId} options={booksInCurrency.map((b) => ({ value: b.id, label: b.name }))}
            onValueChange={(id) => set('priceBookId', id, 'priceBookId')} error={problem.fields.priceBookId} />
          <DateField id="quote-start" label={t('quotes.startDate')} value={values.startDate} onValueChange={(v) => set('startDate', v, 'startDate')} error={problem.fields.startDate} required />
          <TextField id="quote-term" inputMode="numeric" label={t('quotes.termMonths')} value={values.termMonths} onValueChange={(v) => set('termMonths', v, 'termMonths')} error={problem.fields.termMonths} required />
          <SelectField id="quote-language" label={t('quotes.language')} value={values.language} options={QUOTE_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            onValueChange={(v) => set('language', v, 'language')} error={problem.fields.language} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('quotes.creating') : t('quotes.create')}</button>
          </div>
        </form>
      </section>
    </>
  );
}
