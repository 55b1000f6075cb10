import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, LogoMark } from '../components/icons.tsx';
import { LanguageSwitcher } from '../components/language-switcher.tsx';

/** The frame of the signed-out pages: a product panel beside the form (stacked on a phone). */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <aside className="auth__aside" aria-labelledby="auth-features-title">
        <div className="auth__brand">
          <LogoMark />
          <span>{t('app.name')}</span>
        </div>
        <div className="auth__pitch">
          <p className="auth__tagline">{t('app.tagline')}</p>
          <h2 id="auth-features-title" className="auth__features-title">
            {t('auth.featuresTitle')}
          </h2>
          <ul className="auth__features">
            <li><CheckIcon />{t('auth.featureQuotes')}</li>
            <li><CheckIcon />{t('auth.featureBilling')}</li>
            <li><CheckIcon />{t('auth.featureMetrics')}</li>
          </ul>
        </div>
        <p className="auth__footer">{t('auth.footer')}</p>
      </aside>
      <div className="auth__content">
        <header className="auth__header">
          <div className="auth__brand auth__brand--compact">
            <LogoMark />
            <span>{t('app.name')}</span>
          </div>
          <LanguageSwitcher />
        </header>
        <main id="main" className="auth__main">
          <div className="auth__card">{children}</div>
        </main>
      </div>
    </div>
  );
}
