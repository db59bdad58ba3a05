import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Bulletin, BulletinPatch, BulletinSummary } from '../../../core/schemas/bulletins.schema.js';
import { api } from '../../api/client.js';

/** Everything about bulletins under one key: a draft, an edit or a send refreshes the list and the page. */
export const bulletinsKey = ['bulletins'] as const;

export const bulletinDocxUrl = (id: string) => `/api/bulletins/${encodeURIComponent(id)}/docx`;

export function useBulletins() {
  return useQuery({ queryKey: [...bulletinsKey, 'list'], queryFn: ({ signal }) => api.get<{ items: BulletinSummary[] }>('/api/bulletins', { signal }) });
}

export function useBulletin(id: string) {
  return useQuery({ queryKey: [...bulletinsKey, 'one', id], queryFn: ({ signal }) => api.get<Bulletin>(`/api/bulletins/${encodeURIComponent(id)}`, { signal }) });
}

export function useDraftBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { period: string }) => api.post<Bulletin>('/api/bulletins', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulletinsKey }),
  });
}

export function useUpdateBulletin(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, patch }: { version: number; patch: BulletinPatch }) => api.patch<Bulletin>(`/api/bulletins/${encodeURIComponent(id)}`, patch, { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulletinsKey }),
  });
}

export function useSendBulletin(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<Bulletin>(`/api/bulletins/${encodeURIComponent(id)}/send`, undefined, { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulletinsKey }),
  });
}
