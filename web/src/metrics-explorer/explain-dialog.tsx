import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { formatNumber } from '../lib/format.ts';
import { summarizeError } from '../lib/problem.ts';
import { Link } from '../lib/router.tsx';
import { ContributionTable } from './contribution-table.tsx';
import { toContributionRows } from './contribution-rows.ts';
import { explorerHref } from './explorer-state.ts';
import { explainFormula } from './metric-labels.ts';
import { formatPeriod } from './metric-format.ts';
import type { Contribution, Explain } from './metrics-api.ts';
import { useSegmentName } from './segment-name.tsx';
import { useExplain, type ExplainTarget } from './use-explain.ts';

/** Movement figures: only the customers of that movement; a bridge's start or end: everyone with MRR there. */
function contributionsOf(explain: Explain, target: ExplainTarget): Contribution[] {
  const { movement, filter } = target;
  if (filter) return explain.contributions.filter((c) => c[filter.field] === filter.value);
  if (movement === undefined) return explain.contributions;
  if (movement === 'start' || movement === 'end') {
    const field = movement === 'start' ? 'startMinor' : 'endMinor';
    return explain.contributions.filter((c) => Number(c[field]) > 0).map((c) => ({ ...c, amountMinor: c[field] }));
  }
  return explain.contributions.filter((c) => c['movement'] === movement);
}

function ExplainBody({ target, onClose }: { target: ExplainTarget; onClose(): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const state = useExplain(target);
  const rows = useMemo(
    () => (state?.status === 'ready' ? toContributionRows(contributionsOf(state.explain, target), state.currency) : []),
    [state, target],
  );
  const nameOf = useSegmentName();
  const context = [formatPeriod(target.period, locale, t), target.segment === undefined ? null : target.segment === null ? t('metricsExplorer.noneValue') : nameOf(target.segment), target.currency ?? null]
    .filter((part): part is string => part !== null)
    .join(' · ');
  return (
    <div className="dialog__content metrics-explain__content">
      <div className="metrics-explain__head">
        <h2 id="metrics-explain-title" className="dialog__title">{t('metricsExplorer.explain.title', { metric: target.title })}</h2>
        <p className="muted">{context}</p>
        <p className="metrics-explain__figure" data-testid="explain-figure">{target.figure}</p>
      </div>
      {state === null || state.status === 'loading' ? <PageLoading label={t('metricsExplorer.explain.loading')} /> : null}
      {state?.status === 'error' ? <Banner tone="error" {...summarizeError(state.error, t)} /> : null}
      {state?.status === 'ready' ? (
        <>
          <section aria-labelledby="metrics-explain-formula">
            <h3 id="metrics-explain-formula" className="metrics-explain__subtitle">{t('metricsExplorer.explain.formula')}</h3>
            <p className="code metrics-explain__formula">{explainFormula(target.metric, state.explain.formula)}</p>
            {state.explain.numerator !== undefined && state.explain.denominator !== undefined ? (
              <p className="muted">{t('metricsExplorer.explain.fraction', { numerator: formatNumber(state.explain.numerator, locale), denominator: formatNumber(state.explain.denominator, locale) })}</p>
            ) : null}
          </section>
          <details className="metrics-explain__settings">
            <summary>{t('metricsExplorer.explain.settings')}</summary>
            <dl>
              {Object.entries(state.explain.settings).map(([name, value]) => (
                <div key={name}><dt>{name}</dt><dd>{value === null ? '—' : String(value)}</dd></div>
              ))}
            </dl>
          </details>
          <section aria-labelledby="metrics-explain-records">
            <h3 id="metrics-explain-records" className="metrics-explain__subtitle">{t('metricsExplorer.explain.records')}</h3>
            <ContributionTable rows={rows} currency={state.currency} />
          </section>
        </>
      ) : null}
      <div className="dialog__actions">
        {target.explorable === false ? null : <Link to={explorerHref(target.metric, target.query)} className="button button--secondary">{t('metricsExplorer.explain.openExplorer')}</Link>}
        <button type="button" className="button button--primary" onClick={onClose}>{t('common.close')}</button>
      </div>
    </div>
  );
}

/** The drill-down behind any figure: formula, settings and the records that add up to it (a modal <dialog>). */
export function ExplainDialog({ target, onClose }: { target: ExplainTarget | null; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) dialog.showModal();
    if (!target && dialog.open) dialog.close();
  }, [target]);
  return (
    <dialog ref={ref} className="dialog metrics-explain" aria-labelledby="metrics-explain-title" onClose={onClose}>
      {target ? <ExplainBody target={target} onClose={onClose} /> : null}
    </dialog>
  );
}
