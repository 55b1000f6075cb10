import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDate, formatNumber } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import type { Customer360 } from './customer-types.ts';
import { dunningStageLabel, leadStatusCodeLabel, memberStatusLabel, quoteStatusLabel, ticketPriorityLabel } from './code-labels.ts';
import { stageLabel } from '../pipeline/stage-label.ts';
import { formatAmount, formatAmounts, formatPlainDate, humanize } from './format-customer.ts';

function Card({ id, title, subtitle, children }: { id: string; title: string; subtitle?: string | undefined; children: ReactNode }) {
  return (
    <section className="card customer360__card" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="card__header">
        <h2 id={`${id}-title`} className="card__title">{title}</h2>
        {subtitle ? <p className="card__subtitle">{subtitle}</p> : null}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: string }) {
  return <p className="card__empty">{children}</p>;
}

function Table({ label, head, children }: { label: string; head: readonly { label: string; end?: boolean }[]; children: ReactNode }) {
  return (
    <div className="customer360__table-wrap">
      <table className="table customer360__table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {head.map((column) => (
              <th key={column.label} scope="col" className={column.end ? 'customer360__end' : undefined}>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const METHODS = new Set(['bank_transfer', 'card', 'direct_debit', 'check', 'cash', 'wallet', 'other'] as const);
type Method = typeof METHODS extends Set<infer M> ? M : never;

function methodLabel(method: string, t: ReturnType<typeof useTranslation>['t']): string {
  return METHODS.has(method as Method) ? t(`customers.methods.${method as Method}`) : humanize(method);
}

const INVOICE_STATUS_TONE: Record<string, string> = { paid: 'badge--success', void: 'badge--neutral', issued: 'badge--neutral' };

/** `creditNotesHref`: the customer's credit notes in the billing section, for roles that use it (null for the others). */
export function FinanceCard({ finance, creditNotesHref = null }: { finance: NonNullable<Customer360['finance']>; creditNotesHref?: string | null }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <Card id="customer-finance" title={t('customers.finance')} subtitle={finance.credit.length > 0 ? t('customers.creditBalance', { amount: formatAmounts(finance.credit, locale) }) : undefined}>
      <h3 className="customer360__subheading">{t('customers.invoices')}</h3>
      {finance.invoices.length === 0 ? <Empty>{t('customers.noInvoices')}</Empty> : (
        <Table
          label={t('customers.invoices')}
          head={[
            { label: t('customers.invoiceNumber') }, { label: t('customers.dueDate') },
            { label: t('customers.total'), end: true }, { label: t('customers.openAmount'), end: true },
          ]}
        >
          {finance.invoices.map((invoice) => (
            <tr key={invoice.id} data-testid="customer-invoice-row">
              <th scope="row" className="customer360__invoice">
                <Link to={`/billing/invoices/${invoice.id}`}>{invoice.number ?? invoice.id}</Link>
                <span className="customer360__invoice-status">
                {invoice.overdue ? (
                  <span className="badge badge--danger">{t('customers.daysOverdue', { days: formatNumber(invoice.daysPastDue, locale) })}</span>
                ) : (
                  <span className={`badge ${INVOICE_STATUS_TONE[invoice.status] ?? 'badge--neutral'}`}>{t(`customers.invoiceStatus.${invoice.status as 'issued'}`, { defaultValue: humanize(invoice.status) })}</span>
                )}
                {invoice.dunningStage ? <span className="customer360__muted"> · {dunningStageLabel(t, invoice.dunningStage)}</span> : null}
                </span>
              </th>
              <td className="table__nowrap">{invoice.dueDate ? formatPlainDate(invoice.dueDate, locale) : '—'}</td>
              <td className="customer360__end table__nowrap">{formatAmount(invoice.total, locale)}</td>
              <td className="customer360__end table__nowrap" data-testid="customer-invoice-open">{formatAmount(invoice.open, locale)}</td>
            </tr>
          ))}
        </Table>
      )}
      {creditNotesHref ? <p className="customer360__muted"><Link to={creditNotesHref} data-testid="customer-credit-notes">{t('customers.creditNotesLink')}</Link></p> : null}
      <h3 className="customer360__subheading">{t('customers.payments')}</h3>
      {finance.payments.length === 0 ? <Empty>{t('customers.noPayments')}</Empty> : (
        <ul className="customer360__list">
          {finance.payments.map((payment) => (
            <li key={payment.id}>
              <span className="customer360__list-main">{formatAmount(payment.amount, locale)}</span>
              <span className="customer360__muted">{formatDate(payment.receivedAt, locale)} · {methodLabel(payment.method, t)}{payment.reference ? ` · ${payment.reference}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="customer360__subheading">{t('customers.promises')}</h3>
      {finance.promises.length === 0 ? <Empty>{t('customers.noPromises')}</Empty> : (
        <ul className="customer360__list" data-testid="customer-promises">
          {finance.promises.map((promise) => (
            <li key={promise.id}>
              <span className="customer360__list-main">{formatAmount(promise.amount, locale)} · {formatPlainDate(promise.promisedDate, locale)}</span>
              <span className="customer360__muted">
                {promise.active ? t('customers.promiseActive') : t('customers.promisePast')}
                {promise.note ? ` · ${promise.note}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {finance.collections.lastContactDate ? (
        <p className="customer360__muted">{t('customers.lastContact', { date: formatPlainDate(finance.collections.lastContactDate, locale) })}</p>
      ) : null}
    </Card>
  );
}

export function SalesCard({ sales }: { sales: Customer360['sales'] }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <Card id="customer-sales" title={t('customers.sales')} subtitle={sales.openPipeline.length > 0 ? t('customers.openPipeline', { amount: formatAmounts(sales.openPipeline, locale) }) : undefined}>
      <h3 className="customer360__subheading">{t('customers.openOpportunities')}</h3>
      {sales.openOpportunities.length === 0 ? <Empty>{t('customers.noOpportunities')}</Empty> : (
        <ul className="customer360__list">
          {sales.openOpportunities.map((opportunity) => (
            <li key={opportunity.id}>
              <span className="customer360__list-main">
                <Link to={`/pipeline/opportunities/${opportunity.id}`}>{opportunity.name}</Link> · {formatAmount(opportunity.amount, locale)}
              </span>
              <span className="customer360__muted">{stageLabel({ key: opportunity.stage, label: opportunity.stageLabel })} · {t('customers.closeDate', { date: formatPlainDate(opportunity.closeDate, locale) })}</span>
            </li>
          ))}
        </ul>
      )}
      {sales.openQuotes !== null ? (
        <>
          <h3 className="customer360__subheading">{t('customers.openQuotes')}</h3>
          {sales.openQuotes.length === 0 ? <Empty>{t('customers.noQuotes')}</Empty> : (
            <ul className="customer360__list">
              {sales.openQuotes.map((quote) => (
                <li key={quote.id}>
                  <span className="customer360__list-main">
                    <Link to={`/quotes/${quote.id}`}>{t('customers.quoteVersion', { version: quote.versionNumber })}</Link> · {formatAmount(quote.tcv, locale)}
                  </span>
                  <span className="customer360__muted">{quoteStatusLabel(t, quote.status)} · {t('customers.expires', { date: formatPlainDate(quote.expiresOnDate, locale) })}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Card>
  );
}

export function SuccessCard({ success }: { success: Customer360['success'] }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const { adoption } = success;
  const maxUsage = success.usageByMonth.reduce((max, point) => Math.max(max, Number(point.count)), 0);
  return (
    <Card id="customer-success" title={t('customers.success')}>
      <dl className="customer360__stats">
        <div>
          <dt>{t('customers.averageCsat')}</dt>
          <dd>{success.averageCsat ? t('customers.csatValue', { value: formatNumber(Number(success.averageCsat), locale), responses: formatNumber(success.csatResponses, locale) }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('customers.openTickets')}</dt>
          <dd>{formatNumber(success.openTicketCount, locale)} / {formatNumber(success.ticketCount, locale)}</dd>
        </div>
        <div>
          <dt>{t('customers.adoption')}</dt>
          <dd>
            {adoption
              ? t('customers.adoptionValue', {
                  percent: adoption.percent === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(Number(adoption.percent) / 100),
                  active: formatNumber(adoption.activeUsers, locale),
                  seats: formatNumber(adoption.licensedSeats, locale),
                })
              : '—'}
          </dd>
        </div>
      </dl>
      {success.usageByMonth.length > 0 ? (
        <>
          <h3 className="customer360__subheading">{t('customers.usageTrend')}</h3>
          <ul className="customer360__bars">
            {success.usageByMonth.map((point) => (
              <li key={point.month}>
                <span className="customer360__bar-label">{new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${point.month}T00:00:00Z`))}</span>
                <span className="customer360__bar" aria-hidden="true">
                  <span style={{ width: `${maxUsage === 0 ? 0 : Math.max(2, (Number(point.count) / maxUsage) * 100)}%` }} />
                </span>
                <span className="customer360__bar-value">{formatNumber(Number(point.count), locale)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="customer360__subheading">{t('customers.tickets')}</h3>
      {success.tickets.length === 0 ? <Empty>{t('customers.noTickets')}</Empty> : (
        <ul className="customer360__list" data-testid="customer-tickets">
          {success.tickets.map((ticket) => (
            <li key={ticket.id}>
              <span className="customer360__list-main">{ticket.subject}</span>
              <span className="customer360__muted">
                {t(`customers.ticketStatus.${ticket.status as 'open'}`, { defaultValue: humanize(ticket.status) })} · {ticketPriorityLabel(t, ticket.priority)} · {formatDate(ticket.openedAt, locale)}
                {ticket.csat !== null ? ` · ${t('customers.csat', { value: ticket.csat })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function MarketingCard({ marketing }: { marketing: Customer360['marketing'] }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <Card id="customer-marketing" title={t('customers.marketing')}>
      {marketing.activeCampaigns.length > 0 ? (
        <p className="customer360__chips">
          {t('customers.activeCampaigns')}:{' '}
          {marketing.activeCampaigns.map((campaign) => <span key={campaign.id} className="badge badge--neutral">{campaign.name}</span>)}
        </p>
      ) : null}
      <h3 className="customer360__subheading">{t('customers.campaignTouches')}</h3>
      {marketing.touches.length === 0 ? <Empty>{t('customers.noTouches')}</Empty> : (
        <ul className="customer360__list">
          {marketing.touches.map((touch) => (
            <li key={`${touch.campaignId}:${touch.memberName ?? ''}:${touch.joinedAt}`}>
              <span className="customer360__list-main">{touch.campaignName}</span>
              <span className="customer360__muted">{touch.memberName ?? '—'} · {memberStatusLabel(t, touch.memberStatus)} · {formatDate(touch.joinedAt, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="customer360__subheading">{t('customers.leads')}</h3>
      {marketing.leads.length === 0 ? <Empty>{t('customers.noLeads')}</Empty> : (
        <ul className="customer360__list">
          {marketing.leads.map((lead) => (
            <li key={lead.id}>
              <span className="customer360__list-main">{lead.name ?? lead.company ?? lead.email ?? lead.id}</span>
              <span className="customer360__muted">{leadStatusCodeLabel(t, lead.status)} · {formatDate(lead.createdAt, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ContactsCard({ contacts }: { contacts: Customer360['contacts'] }) {
  const { t } = useTranslation();
  return (
    <Card id="customer-contacts" title={t('customers.contacts')}>
      {contacts.length === 0 ? <Empty>{t('customers.noContacts')}</Empty> : (
        <ul className="customer360__list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <span className="customer360__list-main">{contact.name ?? contact.email ?? contact.id}</span>
              <span className="customer360__muted">
                {[contact.title, contact.email, contact.phone].filter(Boolean).map((part, index) => (
                  <span key={index}>
                    {index > 0 ? ' · ' : ''}
                    {part === contact.email && contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : part === contact.phone && contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : part}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function HierarchyCard({ account }: { account: Customer360['account'] }) {
  const { t } = useTranslation();
  return (
    <Card id="customer-hierarchy" title={t('customers.hierarchy')}>
      <dl className="customer360__stats customer360__stats--stacked">
        <div>
          <dt>{t('customers.parentAccount')}</dt>
          <dd>{account.parent ? <Link to={`/customers/${account.parent.id}`}>{account.parent.name ?? t('customers.hiddenAccount')}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>{t('customers.childAccounts')}</dt>
          <dd>
            {account.children.length === 0 ? '—' : (
              <ul className="customer360__plain-list">
                {account.children.map((child) => (
                  <li key={child.id}><Link to={`/customers/${child.id}`}>{child.name ?? child.id}</Link></li>
                ))}
              </ul>
            )}
            {account.hasMoreChildren ? <p className="customer360__muted">{t('customers.moreChildren')}</p> : null}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
