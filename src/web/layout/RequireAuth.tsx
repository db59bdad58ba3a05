import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin.js';
import { peekLoginNotice, useMe, useSetupStatus } from '../features/auth/auth.queries.js';
import { can } from '../lib/access.js';
import type { LoginState } from '../features/auth/LoginPage.js';
import { CurrentUserContext, useCurrentUser } from './current-user.js';

const AppLayout = lazy(() => import('./AppLayout.js').then((m) => ({ default: m.AppLayout })));
// Result pages carry large illustrations: fetched only when shown.
const ForbiddenPage = lazy(() => import('../components/ResultPages.js').then((m) => ({ default: m.ForbiddenPage })));
const QueryErrorResult = lazy(() => import('../components/ResultPages.js').then((m) => ({ default: m.QueryErrorResult })));

export const PASSWORD_PAGE = '/account/password';

/**
 * The gate of the signed-in app: first-run setup, then sign-in, then a pending password
 * change, in that order. Everything below it can rely on useCurrentUser().
 */
export function RequireAuth() {
  const location = useLocation();
  const setup = useSetupStatus();
  const me = useMe();

  if (setup.isPending || me.isPending) return <FullPageSpin />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.isError)
    return (
      <Suspense fallback={<FullPageSpin />}>
        <QueryErrorResult error={me.error} onRetry={() => void me.refetch()} />
      </Suspense>
    );
  if (!me.data) {
    // After signing out, the next person starts at home, not on the page the last one left.
    const state: LoginState = peekLoginNotice() === 'signedOut' ? {} : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.data.mustChangePassword && location.pathname !== PASSWORD_PAGE) return <Navigate to={PASSWORD_PAGE} replace />;
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Suspense fallback={<FullPageSpin />}>
        <AppLayout />
      </Suspense>
    </CurrentUserContext.Provider>
  );
}

/** A page only some roles may open: others get the 403 page (the server would refuse anyway). */
export function RequireAccess({ route, children }: { route: string; children: ReactNode }) {
  const me = useCurrentUser();
  return can(me.role, route) ? children : <ForbiddenPage />;
}
