import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import type { Customer360 } from './customer-types.ts';
import { dunningStageLabel } from './code-labels.ts';
import { countryName, formatAmounts, formatPlainDate, humanize } from './format-customer.ts';

/** Name, who and where, and the figures a caller needs first: overdue, dunning stage, hold, MRR/ARR. */
export function CustomerHeader({ data }: { data: Customer360 }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const { account, finance } = data;
  const stageIsHold = finance?.collections.onHold === true && finance.collections.dunningStage === 'on_hold';
  const facts = [account.segment, countryName(account.country, locale), account.industry].filter((fact): fact is string => Boolean(fact));
  return (
    <div className="customer360__header">
      <PageHeader title={account.name} description={facts.join(' · ')} />
      <dl className="customer360__facts">
        <div>
          <dt>{t('customers.owner')}</dt>
          <dd>{account.ownerName ?? t('customers.noOwner')}</dd>
        </div>
        {account.billingAddress ? (
          <div>
            <dt>{t('customers.billingAddress')}</dt>
            <dd className="customer360__address" data-testid="customer-billing-address">{account.billingAddress}</dd>
          </div>
        ) : null}
        {account.taxId ? (
          <div>
            <dt>{t('customers.taxId')}</dt>
            <dd>{account.taxId}</dd>
          </div>
        ) : null}
        {account.customerSinceDate ? (
          <div>
            <dt>{t('customers.customerSince')}</dt>
            <dd>{formatPlainDate(account.customerSinceDate, locale)}</dd>
          </div>
        ) : null}
        {finance ? (
          <>
            <div>
              <dt>{t('customers.mrr')}</dt>
              <dd>{finance.mrr.length > 0 ? formatAmounts(finance.mrr, locale) : '—'}</dd>
            </div>
            <div>
              <dt>{t('customers.arr')}</dt>
              <dd>{finance.arr.length > 0 ? formatAmounts(finance.arr, locale) : '—'}</dd>
            </div>
            <div>
              <dt>{t('customers.openBalance')}</dt>
              <dd data-testid="customer-open-balance">{finance.open.length > 0 ? formatAmounts(finance.open, locale) : '—'}</dd>
            </div>
            <div>
              <dt>{t('customers.overdue')}</dt>
              <dd>
                {finance.overdue.length > 0 ? (
                  <span className="badge badge--danger" data-testid="customer-overdue">{formatAmounts(finance.overdue, locale)}</span>
                ) : (
                  <span className="badge badge--success" data-testid="customer-overdue">{t('customers.nothingOverdue')}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('customers.dunningStage')}</dt>
              <dd>
                {/* The dunning run's last stage is the hold itself: one badge says it, not two. */}
                <span className={`badge ${stageIsHold ? 'badge--danger' : 'badge--neutral'}`} data-testid="customer-dunning-stage">
                  {finance.collections.dunningStage ? dunningStageLabel(t, finance.collections.dunningStage) : t('customers.noDunning')}
                </span>
                {finance.collections.onHold && !stageIsHold ? <span className="badge badge--danger customer360__hold">{t('customers.onHold')}</span> : null}
              </dd>
            </div>
          </>
        ) : null}
      </dl>
    </div>
  );
}
