/** Row type of the goals table (migration 0007); part of `Database` in database.ts. */
export interface GoalsTable {
  id: string;
  /** The unit the targets belong to (the root unit for the whole county or zone): the data-scope key. */
  unitId: string;
  year: number;
  signTarget: number | null;
  startTarget: number | null;
  completeTarget: number | null;
  operateTarget: number | null;
  /** 元 (integer). */
  investmentTarget: number | null;
  negotiatingPool: number | null;
  reservePool: number | null;
  /** JSON text of GoalQuarters (src/core/schemas/goals.schema.ts). */
  quarters: string | null;
  /** JSON text: 12 cumulative basis points. */
  planCurve: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}
