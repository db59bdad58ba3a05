import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionItem, DispatchEvent, Problem, ProblemDetail, ProblemSummary } from '../../../core/schemas/problems.schema.js';
import type { EscalationLadder } from '../../../core/dispatch/escalation.js';
import { api, type Page, type Query } from '../../api/client.js';

/** Problems and action items share one key: any step refreshes lists, summary and details. */
export const dispatchKey = ['dispatch'] as const;

export type ActionDetail = ActionItem & { events: DispatchEvent[] };
export type LadderView = EscalationLadder & { thresholds: number[]; version: number };

export function useProblems(query: Query) {
  return useQuery({
    queryKey: [...dispatchKey, 'problems', query],
    queryFn: ({ signal }) => api.get<Page<Problem> & { weekStart: string }>('/api/problems', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProblemSummary() {
  return useQuery({ queryKey: [...dispatchKey, 'summary'], queryFn: ({ signal }) => api.get<ProblemSummary>('/api/problems/summary', { signal }) });
}

export function useProblem(id: string | null) {
  return useQuery({ queryKey: [...dispatchKey, 'problem', id], queryFn: ({ signal }) => api.get<ProblemDetail>(`/api/problems/${id}`, { signal }), enabled: !!id });
}

export function useActions(query: Query) {
  return useQuery({
    queryKey: [...dispatchKey, 'actions', query],
    queryFn: ({ signal }) => api.get<Page<ActionItem>>('/api/actions', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAction(id: string | null) {
  return useQuery({ queryKey: [...dispatchKey, 'action', id], queryFn: ({ signal }) => api.get<ActionDetail>(`/api/actions/${id}`, { signal }), enabled: !!id });
}

export function useCategories() {
  return useQuery({ queryKey: [...dispatchKey, 'categories'], queryFn: ({ signal }) => api.get<{ categories: string[]; version: number }>('/api/problem-categories', { signal }), staleTime: 5 * 60_000 });
}

export function useLadder(enabled = true) {
  return useQuery({ queryKey: [...dispatchKey, 'ladder'], queryFn: ({ signal }) => api.get<LadderView>('/api/escalation-ladder', { signal }), enabled });
}

/** Any write of this feature: POST/PUT/PATCH with an optional version, then refresh everything. */
export function useDispatchWrite<T = unknown>() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body, version }: { method: 'post' | 'put' | 'patch'; path: string; body: unknown; version?: number }) =>
      method === 'post' ? api.post<T>(path, body, version === undefined ? {} : { version }) : api[method]<T>(path, body, version === undefined ? {} : { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKey }),
  });
}
