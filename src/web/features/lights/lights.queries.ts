import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LightColor, LightRule } from '../../../core/lights/light-rules.js';
import type { z } from 'zod';
import type { lightHistorySchema, lightRulesResponseSchema, lightsListSchema, recomputeResultSchema } from '../../../core/schemas/lights.schema.js';
import { api } from '../../api/client.js';

export type LightsList = z.infer<typeof lightsListSchema>;
export type LightHistory = z.infer<typeof lightHistorySchema>;
export type LightRules = z.infer<typeof lightRulesResponseSchema>;
export type RecomputeResult = z.infer<typeof recomputeResultSchema>;

export const lightsKey = ['lights'] as const;

export function useLights(query: { color?: LightColor; unitId?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...lightsKey, 'list', query],
    queryFn: ({ signal }) => api.get<LightsList>('/api/lights', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProjectLights(projectId: string) {
  return useQuery({
    queryKey: [...lightsKey, 'project', projectId],
    queryFn: ({ signal }) => api.get<LightHistory>(`/api/projects/${encodeURIComponent(projectId)}/lights`, { signal }),
  });
}

export function useLightRules() {
  return useQuery({ queryKey: [...lightsKey, 'rules'], queryFn: ({ signal }) => api.get<LightRules>('/api/light-rules', { signal }) });
}

export function useSaveLightRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rules, version }: { rules: LightRule[]; version: number }) => api.put<LightRules>('/api/light-rules', { rules }, { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: lightsKey }),
  });
}

export function useRecomputeLights() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RecomputeResult>('/api/lights/recompute', {}),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: lightsKey }), queryClient.invalidateQueries({ queryKey: ['projects'] })]),
  });
}

/** 红灯督办: raises a 督办 item on a red project; refreshes lights and 督办事项. */
export function useSuperviseLight() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: { deadline: string; title?: string | null; detail?: string | null } }) =>
      api.post<{ id: string }>(`/api/projects/${encodeURIComponent(projectId)}/lights/supervise`, body),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: lightsKey }), queryClient.invalidateQueries({ queryKey: ['dispatch'] })]),
  });
}
