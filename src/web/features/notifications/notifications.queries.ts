import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';

/** 站内通知: the signed-in user's own inbox. */
export const notificationsKey = ['notifications'] as const;

export interface AppNotification {
  id: string;
  unitId: string | null;
  kind: string;
  title: string;
  body: string | null;
  /** An in-app path (e.g. /projects/…?tab=plan). */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** How often the header bell asks for new notifications. */
export const NOTIFICATIONS_POLL_MS = 60_000;

/** The latest notifications and the unread count, polled every minute while the app is open. */
export function useNotifications(enabled = true) {
  return useQuery({
    enabled,
    queryKey: notificationsKey,
    queryFn: ({ signal }) => api.get<{ unread: number; items: AppNotification[] }>('/api/notifications', { query: { limit: 30 }, signal }),
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: 30_000,
  });
}

/** Marks one notification (or all of them) read. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
