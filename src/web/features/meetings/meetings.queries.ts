import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgendaInput, CarryOver, CreateMeetingInput, Meeting, MeetingSeries, MeetingSummary, OutcomeInput, PatchOutcomeInput, PutAttendeesInput, SlipKind } from '../../../core/schemas/meetings.schema.js';
import { api } from '../../api/client.js';

/** Everything about meetings under one key: any change refreshes the list, the page and carry-over. */
export const meetingsKey = ['meetings'] as const;
const path = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export interface MeetingsPage {
  items: MeetingSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export function useMeetings(query: { seriesId?: string | undefined; page: number }) {
  return useQuery({
    queryKey: [...meetingsKey, 'list', query],
    queryFn: ({ signal }) => api.get<MeetingsPage>('/api/meetings', { query: { ...query, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMeetingSeries() {
  return useQuery({ queryKey: [...meetingsKey, 'series'], queryFn: ({ signal }) => api.get<MeetingSeries[]>('/api/meeting-series', { signal }) });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: [...meetingsKey, 'one', id], queryFn: ({ signal }) => api.get<Meeting>(path(id), { signal }) });
}

export function useCarryOver(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...meetingsKey, 'carry-over', id], queryFn: ({ signal }) => api.get<CarryOver>(`${path(id)}/carry-over`, { signal }), enabled });
}

/**
 * Every write answers with the whole meeting: it goes straight into the page's cache (so the
 * next write uses the versions the server just gave), then the lists refresh.
 */
function useMeetingWrite<V>(fn: (v: V) => Promise<Meeting>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (m) => queryClient.setQueryData([...meetingsKey, 'one', m.id], m),
    onSettled: () => queryClient.invalidateQueries({ queryKey: meetingsKey, predicate: (q) => q.queryKey[1] !== 'one' }),
  });
}

export const useCreateMeeting = () => useMeetingWrite((input: CreateMeetingInput) => api.post<Meeting>('/api/meetings', input));
export const useCloseMeeting = () => useMeetingWrite(({ id, version }: { id: string; version: number }) => api.post<Meeting>(`${path(id)}/close`, undefined, { version }));
export const usePutAttendees = () =>
  useMeetingWrite(({ id, version, input }: { id: string; version: number; input: PutAttendeesInput }) => api.put<Meeting>(`${path(id)}/attendees`, input, { version }));
export const useAddAgenda = () => useMeetingWrite(({ id, input }: { id: string; input: AgendaInput }) => api.post<Meeting>(`${path(id)}/agenda`, input));
export const useDeleteAgenda = () =>
  useMeetingWrite(({ id, itemId, version }: { id: string; itemId: string; version: number }) => api.delete<Meeting>(`${path(id)}/agenda/${encodeURIComponent(itemId)}`, { version }));
export const useAddOutcome = () =>
  useMeetingWrite(({ id, itemId, input }: { id: string; itemId: string; input: OutcomeInput }) => api.post<Meeting>(`${path(id)}/agenda/${encodeURIComponent(itemId)}/outcomes`, input));
export const usePatchOutcome = () =>
  useMeetingWrite(({ id, outcomeId, version, input }: { id: string; outcomeId: string; version: number; input: PatchOutcomeInput }) =>
    api.patch<Meeting>(`${path(id)}/outcomes/${encodeURIComponent(outcomeId)}`, input, { version }),
  );
export const useDeleteOutcome = () =>
  useMeetingWrite(({ id, outcomeId, version }: { id: string; outcomeId: string; version: number }) => api.delete<Meeting>(`${path(id)}/outcomes/${encodeURIComponent(outcomeId)}`, { version }));

/** A plain GET download (the session cookie authenticates it). */
/** 会议纪要 of a closed meeting (.docx). */
export const minutesUrl = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes`;
export const slipUrl = (actionItemId: string, kind: SlipKind) => `/api/actions/${encodeURIComponent(actionItemId)}/slip?kind=${kind}`;
