import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectReports, Report, ReportListItem, ReportSchedule, Round, RoundDetail } from '../../../core/schemas/reports.schema.js';
import type { ReportStatus, RoundKind } from '../../../core/reports/report-rules.js';
import { api } from '../../api/client.js';

/** Everything about progress reports under one key: a save or a review refreshes every list. */
export const reportsKey = ['reports'] as const;
const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

export function useRounds() {
  return useQuery({ queryKey: [...reportsKey, 'rounds'], queryFn: ({ signal }) => api.get<Round[]>('/api/report-rounds', { signal }) });
}

/** 开启填报: this period's round of the kind chosen — 月报 or 周报 — (or the existing one, with newcomers added). */
export function useOpenRound() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (kind: RoundKind) => api.post<Round>('/api/report-rounds', { kind }), onSettled: () => queryClient.invalidateQueries({ queryKey: reportsKey }) });
}

/** 填报计划: whether the weekly round opens by itself (项目办 only). */
export function useReportSchedule(enabled: boolean) {
  return useQuery({ queryKey: [...reportsKey, 'schedule'], queryFn: ({ signal }) => api.get<ReportSchedule>('/api/report-schedule', { signal }), enabled });
}

export function usePutReportSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { weekly: boolean; version: number }) => api.put<ReportSchedule>('/api/report-schedule', { weekly: v.weekly }, { version: v.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...reportsKey, 'schedule'] }),
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: [...reportsKey, 'round', id],
    queryFn: ({ signal }) => api.get<RoundDetail>(`/api/report-rounds/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useReports(query: { round?: string | undefined; status?: ReportStatus | undefined; mine?: boolean; unit?: string | undefined }) {
  return useQuery({
    queryKey: [...reportsKey, 'list', query],
    queryFn: ({ signal }) =>
      api.get<{ items: ReportListItem[]; total: number }>('/api/reports', { query: { round: query.round, status: query.status, unit: query.unit, mine: query.mine ? 'true' : undefined, pageSize: 200 }, signal }),
    enabled: !!query.round,
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | null) {
  return useQuery({ queryKey: [...reportsKey, 'one', id], queryFn: ({ signal }) => api.get<Report>(reportPath(id!), { signal }), enabled: !!id });
}

export function useProjectReports(projectId: string) {
  return useQuery({ queryKey: [...reportsKey, 'project', projectId], queryFn: ({ signal }) => api.get<ProjectReports>(`/api/projects/${encodeURIComponent(projectId)}/reports`, { signal }) });
}

export interface ReportBody {
  investment: number | null;
  investmentCivil: number | null;
  investmentEquipment: number | null;
  investmentOther: number | null;
  progressText: string;
  nextSteps: string;
  problemsRaised: { category: string; description: string }[];
  attachmentIds: string[];
  submit: boolean;
}

function useReportMutation<V>(fn: (v: V) => Promise<Report>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: reportsKey }) });
}

export const useSaveReport = () => useReportMutation(({ id, version, body }: { id: string; version: number; body: ReportBody }) => api.put<Report>(reportPath(id), body, { version }));
export const useCopyPrevious = () => useReportMutation(({ id, version }: { id: string; version: number }) => api.post<Report>(`${reportPath(id)}/copy-previous`, undefined, { version }));
export const useAcceptReport = () => useReportMutation(({ id, version }: { id: string; version: number }) => api.post<Report>(`${reportPath(id)}/accept`, undefined, { version }));
export const useReturnReport = () => useReportMutation(({ id, version, reason }: { id: string; version: number; reason: string }) => api.post<Report>(`${reportPath(id)}/return`, { reason }, { version }));
