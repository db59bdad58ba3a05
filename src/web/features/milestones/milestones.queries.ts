import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BatchApplyResult, Milestone, MilestoneStatus, ProjectPlan, Template, TemplateInput, UpdateMilestoneInput } from '../../../core/schemas/milestones.schema.js';
import type { Stage } from '../../../core/stages.js';
import { api } from '../../api/client.js';
import { filtersQuery, type LedgerFilters } from '../projects/ledger-params.js';
import { notificationsKey } from '../notifications/notifications.queries.js';

/**
 * Everything about milestone plans lives under one key, so completing a milestone on 我的节点
 * refreshes the project's plan tab and the Gantt alike. Templates and the calendar are
 * configuration with keys of their own.
 */
export const milestonesKey = ['milestones'] as const;
export const templatesKey = ['milestone-templates'] as const;
export const calendarKey = ['calendar'] as const;

const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;
const milestonePath = (id: string) => `/api/milestones/${encodeURIComponent(id)}`;

/** 节点计划 of a project: plan (null before one is generated), milestones, statutory warnings. */
export function usePlan(projectId: string) {
  return useQuery({ queryKey: [...milestonesKey, 'plan', projectId], queryFn: ({ signal }) => api.get<ProjectPlan>(`${projectPath(projectId)}/milestones`, { signal }) });
}

export interface PlanChange {
  id: string;
  milestoneId: string;
  fromStart: string;
  fromEnd: string;
  toStart: string;
  toEnd: string;
  reason: string;
  byName: string | null;
  createdAt: string;
}

/** 计划调整记录, newest first. */
export function usePlanChanges(projectId: string) {
  return useQuery({ queryKey: [...milestonesKey, 'changes', projectId], queryFn: ({ signal }) => api.get<PlanChange[]>(`${projectPath(projectId)}/plan/changes`, { signal }) });
}

function useMilestonesMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A completed or moved milestone may also settle a reminder in the inbox.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: milestonesKey }), queryClient.invalidateQueries({ queryKey: notificationsKey })]),
  });
}

export const useApplyPlan = () =>
  useMilestonesMutation(({ projectId, templateId, anchorDate, replace }: { projectId: string; templateId: string; anchorDate: string; replace: boolean }) =>
    api.post<ProjectPlan>(`${projectPath(projectId)}/plan`, { templateId, anchorDate, replace }),
  );

export interface BatchPlanRequest {
  templateId: string;
  anchor: 'sign-date' | 'date';
  anchorDate: string | null;
  filters: LedgerFilters;
  dryRun: boolean;
}

/** 批量生成计划 (or, with dryRun, its preview); a real run refreshes the Gantt and every plan. */
export function useBatchPlans() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchPlanRequest) => api.post<BatchApplyResult>('/api/plans/batch', body),
    onSuccess: (r) => (r.dryRun ? undefined : queryClient.invalidateQueries({ queryKey: milestonesKey })),
  });
}

export const useApprovePlan = () => useMilestonesMutation(({ projectId, version }: { projectId: string; version: number }) => api.post<ProjectPlan>(`${projectPath(projectId)}/plan/approve`, undefined, { version }));

export const useUpdateMilestone = () =>
  useMilestonesMutation(({ id, version, patch }: { id: string; version: number; patch: UpdateMilestoneInput }) => api.patch<Milestone>(milestonePath(id), patch, { version }));

export interface CompleteResult {
  milestone: Milestone;
  /** The stage the project may move to now (开工, 竣工, 投产), or null. */
  suggestedStage: Stage | null;
}

export const useCompleteMilestone = () =>
  useMilestonesMutation(({ id, version, actualDate, note, attachmentIds }: { id: string; version: number; actualDate: string; note: string | null; attachmentIds: string[] }) =>
    api.post<CompleteResult>(`${milestonePath(id)}/complete`, { actualDate, note, attachmentIds }, { version }),
  );

export const useReopenMilestone = () => useMilestonesMutation(({ id, version, reason }: { id: string; version: number; reason: string }) => api.post<Milestone>(`${milestonePath(id)}/reopen`, { reason }, { version }));

export type OwedMilestone = Milestone & { projectName: string };
export interface Owed {
  today: string;
  overdue: OwedMilestone[];
  dueThisWeek: OwedMilestone[];
  recentlyDone: OwedMilestone[];
}

/** 我的节点: what I (or my unit and the units below it) owe. */
export function useMyMilestones(who: 'me' | 'unit') {
  return useQuery({
    queryKey: [...milestonesKey, 'mine', who],
    queryFn: ({ signal }) => api.get<Owed>('/api/my/milestones', { query: { who }, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface PortfolioMilestone {
  id: string;
  code: string;
  name: string;
  plannedStart: string;
  plannedEnd: string;
  baselineStart: string | null;
  baselineEnd: string | null;
  actualDate: string | null;
  dependsOn: string[];
  status: MilestoneStatus;
}
export interface PortfolioProject {
  id: string;
  name: string;
  stage: Stage;
  industry: string | null;
  leadUnitName: string;
  approved: boolean;
  milestones: PortfolioMilestone[];
}
export interface Portfolio {
  today: string;
  truncated: boolean;
  projects: PortfolioProject[];
}

/** The portfolio Gantt: planned projects matching the ledger filters (at most 1000). */
export function usePortfolioGantt(filters: LedgerFilters) {
  return useQuery({
    queryKey: [...milestonesKey, 'gantt', filters],
    queryFn: ({ signal }) => {
      const qs = filtersQuery(filters);
      return api.get<Portfolio>(qs ? `/api/gantt?${qs}` : '/api/gantt', { signal });
    },
    placeholderData: keepPreviousData,
  });
}

// ---- 节点模板 ----

/** Templates (active, or every one with `archived`). */
export function useTemplates(includeArchived = false) {
  return useQuery({
    queryKey: [...templatesKey, 'list', includeArchived],
    queryFn: ({ signal }) => api.get<Template[]>('/api/milestone-templates', { query: { archived: includeArchived ? 'true' : undefined }, signal }),
    staleTime: 60_000,
  });
}

function useTemplatesMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: templatesKey }) });
}

export const useCreateTemplate = () => useTemplatesMutation((input: TemplateInput) => api.post<Template>('/api/milestone-templates', input));

export const useUpdateTemplate = () =>
  useTemplatesMutation(({ id, version, input }: { id: string; version: number; input: TemplateInput & { archived?: boolean } }) =>
    api.put<Template>(`/api/milestone-templates/${encodeURIComponent(id)}`, input, { version }),
  );

// ---- 工作日历 ----

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  /** Shipped ahead of the official notice (预排), to be checked when it is published. */
  provisional: boolean;
}

export function useCalendar(year: number) {
  return useQuery({ queryKey: [...calendarKey, year], queryFn: ({ signal }) => api.get<CalendarDay[]>('/api/calendar', { query: { year }, signal }), placeholderData: keepPreviousData });
}

/** Sets a day as holiday / make-up working day, or back to normal; answers the year's list. */
export function useSetCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, kind, name }: { date: string; kind: 'holiday' | 'workday' | 'normal'; name: string }) => api.put<CalendarDay[]>(`/api/calendar/${encodeURIComponent(date)}`, { kind, name }),
    onSuccess: (days, vars) => queryClient.setQueryData([...calendarKey, Number(vars.date.slice(0, 4))], days),
    // Plans are computed on the calendar: the statutory warnings of open plans may change.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: calendarKey }), queryClient.invalidateQueries({ queryKey: milestonesKey })]),
  });
}
