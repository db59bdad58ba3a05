import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Goal, GoalInputRaw, GoalMetric, GoalProjects, GoalsList } from '../../../core/schemas/goals.schema.js';
import { api } from '../../api/client.js';

/** Everything about goals under one key: saving a goal refreshes the table and the project lists. */
export const goalsKey = ['goals'] as const;

const goalPath = (unitId: string, year: number) => `/api/goals/${encodeURIComponent(unitId)}/${year}`;

/** The goals of a year in the caller's scope, with actual, 序时 expected value and gap per metric. */
export function useGoals(year: number) {
  return useQuery({
    queryKey: [...goalsKey, 'list', year],
    queryFn: ({ signal }) => api.get<GoalsList>('/api/goals', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The projects behind one figure: those counting, and those still expected with their risk. */
export function useGoalProjects(unitId: string, year: number, metric: GoalMetric) {
  return useQuery({
    queryKey: [...goalsKey, 'projects', unitId, year, metric],
    queryFn: ({ signal }) => api.get<GoalProjects>(`${goalPath(unitId, year)}/projects`, { query: { metric }, signal }),
  });
}

/** Creates a goal (no version) or replaces one (If-Match with the version last read). */
export function usePutGoal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, version, input }: { unitId: string; year: number; version: number | undefined; input: GoalInputRaw }) =>
      api.put<Goal>(goalPath(unitId, year), input, version === undefined ? {} : { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: goalsKey }),
  });
}
