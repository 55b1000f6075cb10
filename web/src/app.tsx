import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginPage } from './auth/login-page.tsx';
import { SessionContext } from './auth/session.tsx';
import { SetupPage } from './auth/setup-page.tsx';
import type { MeResponse, User } from './auth/types.ts';
import { Banner } from './components/banner.tsx';
import { PageLoading } from './components/spinner.tsx';
import { changeLanguage, findStoredLanguage } from './i18n/i18n.ts';
import { ApiError, apiRequest, onUnauthenticated, setCsrfToken, type Problem } from './lib/api.ts';
import { navigate, safeReturnPath, useLocation } from './lib/router.tsx';
import { forgetSessionData } from './lib/session-caches.ts';
import { takeStartSession } from './lib/start-data.ts';
import { AcceptancePage } from './quotes/acceptance-page.tsx';
import { AppFrame } from './shell/app-frame.tsx';

/** undefined: not asked yet; null: nobody signed in (known). */
type SessionUser = User | null | undefined;

function loginPath(reason: 'signed-out' | 'expired' | null, returnTo: string | null): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (returnTo && returnTo !== '/') params.set('next', returnTo);
  const query = params.toString();
  return query === '' ? '/login' : `/login?${query}`;
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

// The session check, started by main.tsx before the labels load and React renders, so the
// first page's data requests do not wait for it in turn (issue #7). Used by the first check only.
let startedSessionCheck: Promise<MeResponse> | null = null;

/**
 * Asks GET /auth/me now; App's first session check takes this answer instead of asking again.
 * The answer (null on a public page), for start-up requests that need the user or the CSRF token.
 */
export function startSessionCheck(): Promise<MeResponse> | null {
  const pathname = window.location.pathname;
  if (pathname === '/setup' || pathname === '/login' || pathname.startsWith('/accept/')) return null;
  // The page as served may carry the answer already (lib/start-data.ts): no round trip then.
  const served = takeStartSession();
  startedSessionCheck = served ? Promise.resolve(served) : apiRequest<MeResponse>('GET', '/auth/me');
  startedSessionCheck.catch(() => undefined); // handled where App takes it
  return startedSessionCheck;
}

export function App() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [user, setUser] = useState<SessionUser>(undefined);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const acceptToken = pathname.startsWith('/accept/') ? decodeURIComponent(pathname.slice('/accept/'.length)) : null;
  const isPublicPage = pathname === '/setup' || pathname === '/login' || acceptToken !== null;

  const signIn = useCallback((signedIn: User) => {
    forgetSessionData(); // nothing kept from whoever used this tab before (lib/session-caches.ts)
    setUser(signedIn);
    // The user's saved language applies unless this device chose one with the switcher.
    if (findStoredLanguage() === null) void changeLanguage(signedIn.locale, { remember: false });
    navigate(safeReturnPath(new URLSearchParams(window.location.search).get('next')), { replace: true });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiRequest<void>('POST', '/auth/logout');
    } catch {
      // Signed out here regardless: the tab forgets the session and offers a fresh sign-in.
    }
    setCsrfToken(null);
    forgetSessionData();
    setUser(null);
    navigate(loginPath('signed-out', null), { replace: true });
  }, []);

  useEffect(() => {
    if (isPublicPage || user !== null) return;
    setUser(undefined); // back on a signed-in page after signing out: ask the server again
  }, [isPublicPage, user]);

  useEffect(() => {
    if (isPublicPage || user !== undefined || loadProblem !== null) return;
    let live = true;
    (startedSessionCheck ?? apiRequest<MeResponse>('GET', '/auth/me'))
      .then((me) => {
        if (!live) return;
        startedSessionCheck = null;
        if (me.csrfToken) setCsrfToken(me.csrfToken);
        // After a reload, as after sign-in: the user's saved language unless this device chose one.
        if (me.user && findStoredLanguage() === null) void changeLanguage(me.user.locale, { remember: false });
        if (me.user) setUser(me.user);
        else navigate(loginPath(null, null), { replace: true });
      })
      .catch((error: unknown) => {
        if (!live) return;
        startedSessionCheck = null;
        if (error instanceof ApiError && error.problem.status === 401) navigate(loginPath(null, currentPath()), { replace: true });
        else setLoadProblem(error instanceof ApiError ? error.problem : { title: t('errors.unexpectedTitle'), status: 0 });
      });
    return () => {
      live = false;
    };
  }, [isPublicPage, user, loadProblem, t]);

  // A session that ends mid-use (idle timeout, revoked) sends the user to sign in, then back here.
  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        forgetSessionData();
        setUser(undefined);
        navigate(loginPath('expired', currentPath()), { replace: true });
      }),
    [],
  );

  if (acceptToken !== null) return <AcceptancePage token={acceptToken} />;
  if (pathname === '/setup') return <SetupPage onSignedIn={signIn} />;
  if (pathname === '/login') return <LoginPage onSignedIn={signIn} />;
  if (loadProblem !== null) {
    return (
      <main id="main" className="page-error">
        <Banner tone="error" title={loadProblem.title} detail={loadProblem.detail}>
          <button type="button" className="button button--secondary" onClick={() => setLoadProblem(null)}>
            {t('errors.retry')}
          </button>
        </Banner>
      </main>
    );
  }
  if (!user) return <PageLoading label={t('app.loading')} />;
  return (
    <SessionContext.Provider value={{ user, signOut }}>
      <AppFrame />
    </SessionContext.Provider>
  );
}
