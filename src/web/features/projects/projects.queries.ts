import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PipelineFigures } from '../../../core/pipeline.js';
import type { AuditEntry } from '../../../core/schemas/audit.schema.js';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import type { CreateProjectInput, Project, ProjectListItem, StageEvent, TransitionInput, TransitionResult, UpdateProjectInput } from '../../../core/schemas/projects.schema.js';
import type { Person, User } from '../../../core/schemas/users.schema.js';
import type { Stage } from '../../../core/stages.js';
import { api, type Page } from '../../api/client.js';
import { filtersQuery, type LedgerFilters, type ProjectSort, type SortOrder } from './ledger-params.js';

/** Everything about projects lives under one key, so a write refreshes tables, boards and pages alike. */
export const projectsKey = ['projects'] as const;
export const extraFieldsKey = ['extra-fields'] as const;
export const savedViewsKey = ['saved-views'] as const;

const withQuery = (path: string, qs: string) => (qs ? `${path}?${qs}` : path);
const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export interface ProjectsQuery {
  filters: LedgerFilters;
  sort: ProjectSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

/** One page of the ledger (server-side filters, sort and paging; scoped to the caller's units). */
export function useProjects(query: ProjectsQuery) {
  return useQuery({
    queryKey: [...projectsKey, 'list', query],
    queryFn: ({ signal }) =>
      api.get<Page<ProjectListItem>>(withQuery('/api/projects', filtersQuery(query.filters, { sort: query.sort, order: query.order, page: query.page, pageSize: query.pageSize })), { signal }),
    placeholderData: keepPreviousData,
  });
}

export interface StageSummary {
  stage: Stage;
  count: number;
  /** 元 */
  totalInvestment: number;
}

/** Count and 总投资 per stage for the same filters (kanban column headers), summed on the server. */
export function useProjectSummary(filters: LedgerFilters) {
  return useQuery({
    queryKey: [...projectsKey, 'summary', filters],
    queryFn: ({ signal }) => api.get<StageSummary[]>(withQuery('/api/projects/summary', filtersQuery(filters)), { signal }),
    placeholderData: keepPreviousData,
  });
}

export const BOARD_PAGE_SIZE = 50;

/** One kanban column: the projects of one stage, a page at a time ("更多" loads the next). */
export function useBoardColumn(stage: Stage, filters: LedgerFilters) {
  return useInfiniteQuery({
    queryKey: [...projectsKey, 'board', stage, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ProjectListItem>>(
        withQuery('/api/projects', filtersQuery({ ...filters, stage: [stage] }, { sort: 'totalInvestment', order: 'desc', page: pageParam, pageSize: BOARD_PAGE_SIZE })),
        { signal },
      ),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export type PipelinePeriod = 'month' | 'quarter' | 'year';
export type Pipeline = PipelineFigures & { unitId: string | null };

/** 五个一 figures: stock, this period's flows, conversion and dwell days. */
export function usePipeline(period: PipelinePeriod, unitId: string | undefined) {
  return useQuery({
    queryKey: [...projectsKey, 'pipeline', period, unitId ?? null],
    queryFn: ({ signal }) => api.get<Pipeline>('/api/pipeline', { query: { period, unitId }, signal }),
    staleTime: 60_000,
  });
}

export function useProject(id: string) {
  return useQuery({ queryKey: [...projectsKey, 'detail', id], queryFn: ({ signal }) => api.get<Project>(projectPath(id), { signal }) });
}

/** 阶段时间线. */
export function useProjectStages(id: string) {
  return useQuery({ queryKey: [...projectsKey, 'stages', id], queryFn: ({ signal }) => api.get<StageEvent[]>(`${projectPath(id)}/stages`, { signal }) });
}

/** 修改记录 (from the audit trail, newest first). */
export function useProjectChanges(id: string) {
  return useQuery({ queryKey: [...projectsKey, 'changes', id], queryFn: ({ signal }) => api.get<AuditEntry[]>(`${projectPath(id)}/changes`, { signal }) });
}

function useProjectsMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: projectsKey }) });
}

export const useCreateProject = () => useProjectsMutation((input: CreateProjectInput) => api.post<Project>('/api/projects', input));

export const useUpdateProject = () =>
  useProjectsMutation(({ id, version, patch }: { id: string; version: number; patch: UpdateProjectInput }) => api.patch<Project>(projectPath(id), patch, { version }));

export const useTransition = () =>
  useProjectsMutation(({ id, version, input }: { id: string; version: number; input: TransitionInput }) => api.post<TransitionResult>(`${projectPath(id)}/transitions`, input, { version }));

export const useArchiveProject = () =>
  useProjectsMutation(({ id, version, reason }: { id: string; version: number; reason: string }) => api.post<Project>(`${projectPath(id)}/archive`, { reason }, { version }));

export const useRestoreProject = () => useProjectsMutation(({ id, version }: { id: string; version: number }) => api.post<Project>(`${projectPath(id)}/restore`, undefined, { version }));

/** 自定义字段 definitions (archived ones included: old values still show). */
export function useExtraFields() {
  return useQuery({ queryKey: extraFieldsKey, queryFn: () => api.get<ExtraField[]>('/api/extra-fields'), staleTime: 5 * 60_000 });
}

export interface SavedView {
  id: string;
  name: string;
  params: Record<string, unknown>;
  createdAt: string;
}

/** The caller's own saved ledger views. */
export function useSavedViews() {
  return useQuery({ queryKey: savedViewsKey, queryFn: () => api.get<SavedView[]>('/api/saved-views'), staleTime: 60_000 });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; params: Record<string, unknown> }) => api.post<SavedView>('/api/saved-views', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/saved-views/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  });
}

/**
 * People to pick, county-wide (包挂领导 with role=leader; 项目管家 and 专班 from every business
 * role): the user list is scoped to the caller's units, but a town's coordinator must be able
 * to name a county leader. Only project writers may ask; for others the query stays off.
 */
export function usePeople(role: 'leader' | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['people', role ?? 'all'],
    queryFn: ({ signal }) => api.get<Person[]>('/api/people', { query: { role }, signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * 包挂领导 to filter the ledger by: county-wide for project writers (the people lookup), else the
 * leaders in the caller's own scope (the user list), else none (the query stays off).
 */
export function useLeaderChoices(source: 'people' | 'users' | null) {
  return useQuery({
    queryKey: ['people', 'leader-filter', source],
    queryFn: async ({ signal }): Promise<Person[]> => {
      if (source === 'people') return api.get<Person[]>('/api/people', { query: { role: 'leader' }, signal });
      const page = await api.get<Page<User>>('/api/users', { query: { role: 'leader', pageSize: 200 }, signal });
      return page.items.filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.displayName, title: u.title, unitName: u.unitName, role: 'leader' as const }));
    },
    enabled: source !== null,
    staleTime: 5 * 60_000,
  });
}

/** Links for plain GET downloads (the session cookie authenticates them). */
export const exportUrl = (filters: LedgerFilters) => withQuery('/api/projects/export', filtersQuery(filters));
export const TEMPLATE_URL = '/api/projects/import-template';
