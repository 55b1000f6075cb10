import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../lib/api.ts';
import { summarizeError } from '../lib/problem.ts';
import { LineRow } from './line-row.tsx';
import { bookPrices, searchBookProducts } from './quote-api.ts';
import { SearchPicker, type PickerOption } from './search-picker.tsx';
import type { Price, Quote } from './types.ts';
import type { QuoteBuilder } from './use-quote-builder.ts';

type LinesCardProps = { builder: QuoteBuilder; quote: Quote; editable: boolean; outsideErrors: Record<number, Record<string, string>> };

/** The quote's lines and the product picker (products with a price in the quote's book). */
export function LinesCard({ builder, quote, editable, outsideErrors }: LinesCardProps) {
  const { t } = useTranslation();
  const [prices, setPrices] = useState<Map<string, Price> | null>(null);
  const [addError, setAddError] = useState<string | undefined>(undefined);
  useEffect(() => {
    bookPrices(quote.priceBookId).then(setPrices, (error: unknown) => setAddError(summarizeError(error, t).detail ?? summarizeError(error, t).title));
  }, [quote.priceBookId, t]);
  const search = useCallback(
    async (text: string): Promise<PickerOption[]> => (prices === null ? [] : (await searchBookProducts(text, prices)).map((o) => ({ ...o, detail: t(`quotes.period.${o.detail ?? ''}` as 'quotes.period.monthly', { defaultValue: o.detail }) }))),
    [prices, t],
  );
  const add = async (option: PickerOption) => {
    setAddError(undefined);
    try {
      await builder.mutate((current) => apiRequest<Quote>('POST', `/quotes/${encodeURIComponent(current.id)}/lines`, { productId: option.id, quantity: 1 }));
    } catch (error) {
      const summary = summarizeError(error, t);
      setAddError([summary.title, summary.detail].filter(Boolean).join(': '));
    }
  };
  return (
    <section className="card" aria-labelledby="quote-lines-title">
      <div className="card__header">
        <h2 id="quote-lines-title" className="card__title">{t('quotes.linesTitle')}</h2>
      </div>
      {quote.lines.length === 0 ? <p className="card__empty">{t('quotes.noLines')}</p> : null}
      <ol className="quotes-lines">
        {quote.lines.map((line) => (
          <LineRow key={line.id} quote={quote} line={line} product={builder.products.get(line.productId)} checks={builder.checks} editable={editable}
            mutate={builder.mutate} outsideErrors={outsideErrors[line.lineNumber]} />
        ))}
      </ol>
      {editable ? (
        <div className="quotes-add-line">
          <SearchPicker id="quote-add-product" label={t('quotes.addProduct')} placeholder={t('quotes.searchProduct')} search={search} onPick={(o) => void add(o)} error={addError} disabled={prices === null} />
        </div>
      ) : null}
    </section>
  );
}
