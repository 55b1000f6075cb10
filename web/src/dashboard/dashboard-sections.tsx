import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';
import { Link } from '../lib/router.tsx';
import { isMovementRows } from '../metrics-explorer/metrics-api.ts';
import { Skeleton } from '../metrics-explorer/skeleton.tsx';
import { prefetchDashboardMetric, useDashboardMetric } from './use-dashboard-metric.ts';
import { ArAgingCard } from './ar-aging-card.tsx';
import { ChartCard } from './chart-card.tsx';
import { findMetric, queryFor, useDashboard } from './dashboard-context.ts';
import { CHURN_METRICS, FINANCE_KPIS, FLOW_METRICS, RECURRING_REPORTS, REVENUE_KPIS, SALES_KPIS } from './dashboard-reports.ts';
import { KpiCard } from './kpi-card.tsx';
import { MultiMetricCard } from './multi-metric-card.tsx';
import { PipelineStageCard } from './pipeline-stage-card.tsx';
import { WaterfallCard } from './waterfall-card.tsx';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="dashboard-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="dashboard-section__title">{title}</h3>
      {children}
    </section>
  );
}

/** "No subscriptions yet": recurring-revenue cards would all read zero, so they give way to a pointer to billing. */
function NoSubscriptions() {
  const { t } = useT();
  return (
    <div className="card dashboard-empty" data-testid="dashboard-empty">
      <p className="dashboard-empty__title">{t('dashboard.noSubscriptions')}</p>
      <p className="muted">{t('dashboard.noSubscriptionsBody')}</p>
      <Link to="/billing/subscriptions" className="button button--secondary">{t('dashboard.goToSubscriptions')}</Link>
    </div>
  );
}

export function DashboardSections() {
  const { t } = useT();
  const { catalogue, query } = useDashboard();
  // Customers with MRR over the whole period, in one request: zero everywhere means no subscriptions yet.
  const customers = useDashboardMetric('customers', { ...query, interval: 'month', breakdown: null, currency: null });
  const hasSubscriptions = customers.status === 'ready' && !isMovementRows(customers.data) && customers.data.series.some((point) => (point.value ?? 0) > 0);
  const hasFinance = FINANCE_KPIS.some((name) => findMetric(catalogue, name));
  // The recurring cards wait for `customers` (no subscriptions: no cards); their reports go out in
  // the same batch as it, so the cards find them answered instead of asking a second round.
  useEffect(() => {
    for (const { name, interval } of RECURRING_REPORTS) {
      const definition = findMetric(catalogue, name);
      if (definition) prefetchDashboardMetric(name, { ...queryFor(definition, query), ...(interval ? { interval } : {}) });
    }
  }, [catalogue, query]);
  return (
    <>
      <Section id="dashboard-recurring" title={t('dashboard.recurringTitle')}>
        {customers.status === 'loading' ? <Skeleton height={160} /> : customers.status === 'ready' && !hasSubscriptions ? <NoSubscriptions /> : (
          <>
            <div className="dashboard-kpis">{REVENUE_KPIS.map((name) => <KpiCard key={name} name={name} />)}</div>
            <div className="dashboard-cards">
              <ChartCard name="mrr" kind="line" />
              <WaterfallCard />
              <MultiMetricCard id="card-retention" title={t('dashboard.retentionTitle')} names={['nrr', 'grr']} kind="line" />
              <MultiMetricCard id="card-churn" title={t('dashboard.churnTitle')} names={CHURN_METRICS} kind="line" />
            </div>
          </>
        )}
      </Section>
      <Section id="dashboard-sales" title={t('dashboard.salesTitle')}>
        <div className="dashboard-kpis">{SALES_KPIS.map((name) => <KpiCard key={name} name={name} />)}</div>
        <div className="dashboard-cards">
          <PipelineStageCard />
          <ChartCard name="win-rate" kind="bar" emptyText={t('dashboard.noClosedDeals')} />
        </div>
      </Section>
      <Section id="dashboard-finance" title={t('dashboard.financeTitle')}>
        {hasFinance ? <div className="dashboard-kpis">{FINANCE_KPIS.map((name) => <KpiCard key={name} name={name} />)}</div> : null}
        <div className="dashboard-cards">
          <MultiMetricCard id="card-revenue-flow" title={t('dashboard.flowTitle')} names={FLOW_METRICS} kind="bar" emptyText={t('dashboard.noFlows')} />
          <ArAgingCard />
        </div>
      </Section>
    </>
  );
}
