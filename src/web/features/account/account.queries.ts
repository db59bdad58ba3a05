import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../core/schemas/auth.schema.js';
import { api } from '../../api/client.js';
import { meKey } from '../auth/auth.queries.js';

export const sessionsKey = ['me', 'sessions'] as const;

export function useMySessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api.get<SessionInfo[]>('/api/me/sessions') });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/me/sessions/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** Changing the password ends every other session; /api/me is re-read (mustChangePassword clears). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<{ ok: true }>('/api/me/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
