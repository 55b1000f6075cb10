import { useT } from '../i18n/use-t.ts';
import { useSession } from '../auth/session.tsx';
import { ArrowRightIcon, GlobeIcon, KeyIcon, UsersIcon } from '../components/icons.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { formatDate, formatNumber } from '../lib/format.ts';
import { formatMoney } from '../lib/format-money.ts';
import { Link } from '../lib/router.tsx';
import { canUseSection, METRICS_SCOPE, ROLE_SECTIONS, SECTION_PATHS } from '../lib/sections.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { PageHeader } from '../shell/status-pages.tsx';
import { METRIC_READERS } from '../dashboard/dashboard-reports.ts';
import { RevenueDashboard } from '../dashboard/revenue-dashboard.tsx';
import { TeamDashboard } from '../dashboard/team-dashboard.tsx';


// Sample values for the formats card: 1,234,567.89 EUR is 123456789 minor units.
const SAMPLE_NUMBER = 1234567.891;
const SAMPLE_AMOUNT_MINOR = 123456789n;

function GettingStarted() {
  const { t } = useT();
  const steps = [
    { icon: <UsersIcon />, title: t('home.stepUsersTitle'), body: t('home.stepUsersBody'), to: '/settings/users' },
    { icon: <KeyIcon />, title: t('home.stepApiKeysTitle'), body: t('home.stepApiKeysBody'), to: '/settings/api-keys' },
  ];
  return (
    <section className="card" aria-labelledby="getting-started-title">
      <div className="card__header">
        <h2 id="getting-started-title" className="card__title">{t('home.gettingStarted')}</h2>
        <p className="card__subtitle">{t('home.gettingStartedIntro')}</p>
      </div>
      <ol className="steps">
        {steps.map((step) => (
          <li key={step.to}>
            <Link to={step.to} className="step">
              <span className="step__icon" aria-hidden="true">{step.icon}</span>
              <span className="step__text">
                <span className="step__title">{step.title}</span>
                <span className="step__body">{step.body}</span>
              </span>
              <ArrowRightIcon className="step__arrow" />
            </Link>
          </li>
        ))}
        <li>
          <div className="step step--static">
            <span className="step__icon" aria-hidden="true"><GlobeIcon /></span>
            <span className="step__text">
              <span className="step__title">{t('home.stepLanguageTitle')}</span>
              <span className="step__body">{t('home.stepLanguageBody')}</span>
            </span>
          </div>
        </li>
      </ol>
    </section>
  );
}

function RegionalFormats({ todayIso }: { todayIso: string }) {
  const { t } = useT();
  const locale = intlLocale();
  return (
    <section className="card" aria-labelledby="formats-title">
      <div className="card__header">
        <h2 id="formats-title" className="card__title">{t('home.formatsTitle')}</h2>
        <p className="card__subtitle">{t('home.formatsIntro')}</p>
      </div>
      <dl className="formats">
        <div><dt>{t('home.formatsNumber')}</dt><dd data-testid="format-number">{formatNumber(SAMPLE_NUMBER, locale)}</dd></div>
        <div><dt>{t('home.formatsDate')}</dt><dd data-testid="format-date">{formatDate(todayIso, locale, 'long')}</dd></div>
        <div><dt>{t('home.formatsMoney')}</dt><dd data-testid="format-money">{formatMoney(SAMPLE_AMOUNT_MINOR, 'EUR', locale)}</dd></div>
      </dl>
    </section>
  );
}

export function DashboardPage() {
  const { t } = useT();
  const { user } = useSession();
  useDocumentTitle(t('nav.dashboard'));
  const todayIso = new Date().toISOString();
  const workspace = ROLE_SECTIONS[user.role].filter((section) => section !== 'dashboard');
  return (
    <>
      <PageHeader title={t('home.greeting', { name: user.displayName })} description={t('home.today', { date: formatDate(todayIso, intlLocale(), 'full') })} />
      {METRIC_READERS.includes(user.role) ? <RevenueDashboard /> : null}
      {/* The sales roles: their team's figures instead of the company's (docs/metrics.md "Who sees what"). */}
      {canUseSection(user.role, 'metrics') && METRICS_SCOPE[user.role] === 'team' ? <TeamDashboard /> : null}
      <div className="dashboard-grid">
        {user.role === 'admin' ? <GettingStarted /> : null}
        <RegionalFormats todayIso={todayIso} />
      </div>
      <section aria-labelledby="workspace-title" className="workspace">
        <h2 id="workspace-title" className="section-title">{t('home.workspace')}</h2>
        <ul className="tiles">
          {workspace.map((section) => (
            <li key={section}>
              <Link to={SECTION_PATHS[section]} className="tile">
                <span className="tile__head">
                  <span className="tile__title">{t(`nav.${section}`)}</span>
                </span>
                <span className="tile__body">{section === 'metrics' && METRICS_SCOPE[user.role] === 'team' ? t('sections.metricsTeam') : t(`sections.${section}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
