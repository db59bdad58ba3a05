import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotifyMode } from '../../../core/notifications/channel-kinds.js';
import type { Channel, CreateChannelInput, Delivery, UpdateChannelInput } from '../../../core/schemas/notify.schema.js';
import { api, type Page } from '../../api/client.js';
import { notificationsKey, type AppNotification } from './notifications.queries.js';

/** 通知中心: the inbox page, 50 at a time going back by (createdAt, id). */
export function useInbox(filter: { unread: boolean; kind: string | undefined }) {
  return useInfiniteQuery({
    queryKey: [...notificationsKey, 'inbox', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ unread: number; items: AppNotification[] }>('/api/notifications', { query: { limit: 50, unread: filter.unread, kind: filter.kind, before: pageParam }, signal }),
    getNextPageParam: (last) => {
      const end = last.items.at(-1);
      return last.items.length === 50 && end ? `${end.createdAt}|${end.id}` : undefined;
    },
  });
}

export const channelsKey = ['notification-channels'] as const;
export const deliveriesKey = ['notification-deliveries'] as const;

export function useChannels() {
  return useQuery({ queryKey: channelsKey, queryFn: ({ signal }) => api.get<Channel[]>('/api/notification-channels', { signal }) });
}

function useChannelMutation<A, R>(fn: (a: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey }) });
}

export const useCreateChannel = () => useChannelMutation((input: CreateChannelInput) => api.post<Channel>('/api/notification-channels', input));
export const useUpdateChannel = () =>
  useChannelMutation(({ id, version, patch }: { id: string; version: number; patch: UpdateChannelInput }) => api.patch<Channel>(`/api/notification-channels/${encodeURIComponent(id)}`, patch, { version }));
export const useDeleteChannel = () => useChannelMutation((id: string) => api.delete<void>(`/api/notification-channels/${encodeURIComponent(id)}`));

export interface TestResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}
export function useTestChannel() {
  return useMutation({ mutationFn: (id: string) => api.post<TestResult>(`/api/notification-channels/${encodeURIComponent(id)}/test`) });
}

export interface DeliveryFilter {
  channelId?: string | undefined;
  status?: Delivery['status'] | undefined;
  page: number;
  pageSize: number;
}
export function useDeliveries(filter: DeliveryFilter) {
  return useQuery({
    queryKey: [...deliveriesKey, filter],
    queryFn: ({ signal }) => api.get<Page<Delivery>>('/api/notification-deliveries', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export interface Attempt {
  id: string;
  at: string;
  durationMs: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
}
export function useAttempts(deliveryId: string) {
  return useQuery({ queryKey: [...deliveriesKey, deliveryId, 'attempts'], queryFn: ({ signal }) => api.get<Attempt[]>(`/api/notification-deliveries/${encodeURIComponent(deliveryId)}/attempts`, { signal }) });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/notification-deliveries/${encodeURIComponent(id)}/retry`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesKey }),
  });
}

export interface NotifyPrefs {
  email: string | null;
  notifyMode: NotifyMode;
  emailAvailable: boolean;
}
const prefsKey = ['me', 'notification-settings'] as const;
export function useNotifyPrefs() {
  return useQuery({ queryKey: prefsKey, queryFn: ({ signal }) => api.get<NotifyPrefs>('/api/me/notification-settings', { signal }) });
}
export function useSaveNotifyPrefs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string | null; notifyMode: NotifyMode }) => api.put<NotifyPrefs>('/api/me/notification-settings', input),
    onSuccess: (data) => queryClient.setQueryData(prefsKey, data),
  });
}
