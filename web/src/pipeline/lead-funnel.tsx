import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import type { LeadFunnel } from './types.ts';

const STEPS = ['leads', 'mqls', 'sqls', 'opportunities', 'won'] as const;

/**
 * Lead → MQL → SQL → opportunity → won over the leads the user may see (GET /lead-funnel, the
 * lead-conversion metric's cumulative steps). Bars are decoration; the numbers are text.
 */
export function LeadFunnelChart({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const [funnel, setFunnel] = useState<LeadFunnel | null>(null);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  useEffect(() => {
    let live = true;
    apiRequest<LeadFunnel>('GET', '/lead-funnel').then(
      (data) => live && setFunnel(data),
      (error: unknown) => live && setProblem(summarizeError(error, t)),
    );
    return () => {
      live = false;
    };
  }, [refreshKey, t]);
  const locale = intlLocale();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section className="card pipeline-funnel" aria-labelledby="lead-funnel-title">
      <h2 id="lead-funnel-title" className="card__title">{t('pipeline.funnel.title')}</h2>
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
      {funnel ? (
        <ol className="pipeline-funnel__steps" data-testid="lead-funnel">
          {STEPS.map((step) => {
            const count = funnel[step];
            const share = funnel.leads === 0 ? 0 : count / funnel.leads;
            return (
              <li key={step} className="pipeline-funnel__step" data-step={step}>
                <span className="pipeline-funnel__label">{t(`pipeline.funnel.${step}`)}</span>
                <span className="pipeline-funnel__bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(share * 100, count > 0 ? 2 : 0)}%` }} />
                </span>
                <span className="pipeline-funnel__value" data-testid={`funnel-${step}`}>
                  {formatNumber(count, locale)}
                  <span className="muted"> ({percent.format(share)})</span>
                </span>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
