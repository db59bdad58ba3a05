/** Row types of 进展填报 (migration 0009); part of `Database` in database.ts. */
export interface ReportRoundsTable {
  id: string;
  /** The unit that opened the round (the root unit for the county): the data-scope key. */
  unitId: string;
  /** 'monthly' | 'weekly'. */
  kind: string;
  /** "2026-11" or "2026-W48"; unique with kind. */
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  createdBy: string | null;
  createdAt: string;
}

export interface ProgressReportsTable {
  /** `<round id>:<project id>`. */
  id: string;
  roundId: string;
  projectId: string;
  /** The project's lead unit when the round opened: who fills it, and the data-scope key. */
  unitId: string;
  kind: string;
  period: string;
  dueDate: string;
  /** pending | draft | submitted | returned | accepted (core/reports/report-rules.ts). */
  status: string;
  /** 1 when first submitted after the due date. */
  late: number;
  /** 本月完成投资, 元. */
  investment: number | null;
  investmentCivil: number | null;
  investmentEquipment: number | null;
  investmentOther: number | null;
  progressText: string | null;
  nextSteps: string | null;
  /** JSON text: [{ category, description }]. */
  problemsRaised: string | null;
  returnReason: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReportTables {
  reportRounds: ReportRoundsTable;
  progressReports: ProgressReportsTable;
}
