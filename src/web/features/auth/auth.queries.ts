import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../core/schemas/auth.schema.js';
import { api, isApiError, setCsrfToken } from '../../api/client.js';

export const meKey = ['me'] as const;

/** Why the sign-in page is shown, when it is not the user's own choice. */
export type LoginNotice = 'setupDone' | 'expired' | 'signedOut';

// Sign-out and expiry clear /api/me, and the gate (<RequireAuth>) redirects to the sign-in
// page; the page that started it may be gone by then, so the reason travels here, not in
// router state.
let pendingNotice: LoginNotice | null = null;
export function setLoginNotice(notice: LoginNotice | null): void {
  pendingNotice = notice;
}
export function peekLoginNotice(): LoginNotice | null {
  return pendingNotice;
}

/** Forgets the signed-in user locally; the gate then shows the sign-in page. */
export function clearSession(queryClient: QueryClient, notice: LoginNotice | null): void {
  setLoginNotice(notice);
  setCsrfToken(null);
  queryClient.setQueryData(meKey, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] && q.queryKey[0] !== setupKey[0] });
}
export const setupKey = ['setup'] as const;

/** The signed-in user, or null when nobody is signed in (401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => api.get<{ needsSetup: boolean }>('/api/setup'),
    // Once set up, a platform never needs setup again.
    staleTime: (q) => (q.state.data?.needsSetup === false ? Infinity : 0),
  });
}

export interface LoginInput {
  username: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/api/auth/login', input),
    onSuccess: (me) => {
      setLoginNotice(null);
      // A new session: nothing cached for the previous one may leak into it.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] && q.queryKey[0] !== setupKey[0] });
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: (_data, error) => clearSession(queryClient, error ? null : 'signedOut'),
  });
}
