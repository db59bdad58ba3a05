import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitInput, Unit, UpdateUnitInput } from '../../../core/schemas/units.schema.js';
import { api } from '../../api/client.js';

export const unitsKey = ['units'] as const;

/** The whole unit tree, flat (every signed-in user may read it; pickers use it too). */
export function useUnits() {
  return useQuery({ queryKey: unitsKey, queryFn: () => api.get<Unit[]>('/api/units'), staleTime: 60_000 });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUnitInput) => api.post<Unit>('/api/units', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: UpdateUnitInput }) =>
      api.patch<Unit>(`/api/units/${encodeURIComponent(id)}`, patch, { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}
