import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError, isApiError, setUnauthenticatedHandler } from './api/client.js';
import { AntdRoot } from './AntdRoot.js';
import { clearSession, meKey } from './features/auth/auth.queries.js';
import { I18nProvider } from './i18n/i18n.js';
import { router } from './router.js';

function onRequestError(err: unknown) {
  // The server says the password must be changed first: re-read /api/me so the gate redirects.
  if (isApiError(err, 'PASSWORD_CHANGE_REQUIRED')) void queryClient.invalidateQueries({ queryKey: meKey });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onRequestError }),
  mutationCache: new MutationCache({ onError: onRequestError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

// Signed out behind our back (session expired, revoked elsewhere): back to the sign-in page.
// The gate (<RequireAuth>) sees /api/me cleared and redirects, remembering where the user was.
setUnauthenticatedHandler(() => {
  const { pathname } = router.state.location;
  if (pathname === '/login' || pathname === '/setup') return;
  clearSession(queryClient, 'expired');
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <I18nProvider>
    <QueryClientProvider client={queryClient}>
      <AntdRoot>
        <RouterProvider router={router} />
      </AntdRoot>
    </QueryClientProvider>
  </I18nProvider>,
);
