/** Row types of migration 0023; part of `Database` in database.ts. */

/** 项目月度计划曲线: a project's own 序时 curve for a year (JSON text of 12 basis-point shares). */
export interface ProjectPlanCurvesTable {
  projectId: string;
  year: number;
  /** The project's lead unit when written (the data-scope key). */
  unitId: string;
  curve: string;
  version: number;
  updatedAt: string;
}

export interface PlanCurveTables {
  projectPlanCurves: ProjectPlanCurvesTable;
}
