import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { LogoMark, SignOutIcon } from '../components/icons.tsx';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { Link, useLocation } from '../lib/router.tsx';
import { canUseSection, ROLE_SECTIONS, SECTION_PATHS, sectionOfPath } from '../lib/sections.ts';
import { PageLoading } from '../components/spinner.tsx';
import { DashboardSection } from '../dashboard/dashboard-section.tsx';
import { ForbiddenPage, NotFoundPage } from './status-pages.tsx';

// The dashboard (the landing page) is in the main bundle; every other section is its own chunk,
// loaded when first opened, so the first page parses only what it shows (issue #7).
const BillingSection = lazy(() => import('../billing/billing-section.tsx').then((module) => ({ default: module.BillingSection })));
const CustomersSection = lazy(() => import('../customers/customers-section.tsx').then((module) => ({ default: module.CustomersSection })));
const DataSection = lazy(() => import('../data/data-section.tsx').then((module) => ({ default: module.DataSection })));
const MetricsSection = lazy(() => import('../metrics-explorer/metrics-section.tsx').then((module) => ({ default: module.MetricsSection })));
const PipelineSection = lazy(() => import('../pipeline/pipeline-section.tsx').then((module) => ({ default: module.PipelineSection })));
const QuotesSection = lazy(() => import('../quotes/quotes-section.tsx').then((module) => ({ default: module.QuotesSection })));
const SettingsPage = lazy(() => import('../settings/settings-page.tsx').then((module) => ({ default: module.SettingsPage })));

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function PageContent({ pathname }: { pathname: string }) {
  const { user } = useSession();
  const section = sectionOfPath(pathname);
  if (section === null) return <NotFoundPage />;
  if (!canUseSection(user.role, section)) return <ForbiddenPage />;
  switch (section) {
    case 'dashboard':
      return <DashboardSection pathname={pathname} />;
    case 'customers':
      return <CustomersSection pathname={pathname} />;
    case 'pipeline':
      return <PipelineSection pathname={pathname} />;
    case 'quotes':
      return <QuotesSection pathname={pathname} />;
    case 'billing':
      return <BillingSection pathname={pathname} />;
    case 'metrics':
      return <MetricsSection pathname={pathname} />;
    case 'data':
      return <DataSection pathname={pathname} />;
    case 'settings':
      return <SettingsPage pathname={pathname} />;
  }
}

/**
 * After in-app navigation, focuses the new page's heading so screen readers announce it. Inside
 * the page's Suspense boundary: its effect runs once the section's chunk has loaded and rendered.
 */
function FocusPageTitle({ pathname }: { pathname: string }) {
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [pathname]);
  return null;
}

/** The signed-in frame: top bar (brand, role-aware navigation, account) and the page. */
export function AppFrame() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const current = sectionOfPath(pathname);

  // On a phone the navigation strip scrolls: keep the current section in view.
  useEffect(() => {
    document.querySelector('.mainnav [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);

  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="topbar__brand" aria-label={t('app.brandHome')}>
            <LogoMark />
            <span aria-hidden="true">{t('app.name')}</span>
          </Link>
          <nav className="mainnav" aria-label={t('nav.label')}>
            <ul className="mainnav__list">
              {ROLE_SECTIONS[user.role].map((section) => (
                <li key={section}>
                  <Link to={SECTION_PATHS[section]} className="mainnav__link" aria-current={current === section ? 'page' : undefined}>
                    {t(`nav.${section}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="topbar__actions">
            <LanguageSwitcher />
            <div className="account" aria-label={t('account.label')} role="group">
              <span className="account__avatar" aria-hidden="true">
                {initialsOf(user.displayName)}
              </span>
              <span className="account__text">
                <span className="account__name">{user.displayName}</span>
                <span className="account__role">{t(`roles.${user.role}`)}</span>
              </span>
            </div>
            <button
              type="button"
              className="button button--ghost button--icon-text"
              disabled={signingOut}
              onClick={() => {
                setSigningOut(true);
                void signOut();
              }}
            >
              <SignOutIcon />
              <span>{signingOut ? t('account.signingOut') : t('account.signOut')}</span>
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<PageLoading label={t('app.loading')} />}>
          <PageContent pathname={pathname} />
          <FocusPageTitle pathname={pathname} />
        </Suspense>
      </main>
    </div>
  );
}
