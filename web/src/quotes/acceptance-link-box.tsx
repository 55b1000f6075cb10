import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import type { AcceptanceLink } from './types.ts';

/** The customer's link, shown once after sending: the web page /accept/<token> on this origin. */
export function AcceptanceLinkBox({ link }: { link: AcceptanceLink }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}${link.pagePath ?? `/accept/${link.token}`}`;
  return (
    <div className="banner banner--success quotes-link" role="status">
      <div className="banner__body">
        <p className="banner__title">{t('quotes.linkTitle')}</p>
        <p className="banner__detail">{t('quotes.linkDetail', { date: formatDateTime(link.expiresAt, intlLocale()) })}</p>
        <label className="field__label" htmlFor="quote-acceptance-link">{t('quotes.linkLabel')}</label>
        <div className="quotes-link__row">
          <input id="quote-acceptance-link" className="input input--mono" readOnly value={url} onFocus={(event) => event.currentTarget.select()} data-testid="acceptance-link" />
          <button type="button" className="button button--secondary" onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}>
            {copied ? t('quotes.copied') : t('quotes.copy')}
          </button>
        </div>
      </div>
    </div>
  );
}
