import type { LightColor } from '../core/lights/light-rules.js';

/** Row types of migration 0014 (lights); part of `Database` in database.ts. */
export interface ProjectLightsTable {
  id: string;
  projectId: string;
  /** YYYY-MM: one light per project per month (light history). */
  month: string;
  /** The project's lead unit when computed: the data-scope key of history queries. */
  unitId: string;
  color: LightColor;
  /** JSON text of LightReason[] (src/core/lights/evaluate.ts). */
  reasons: string;
  computedAt: string;
}

export interface LightDirtyTable {
  projectId: string;
  markedAt: string;
}

export interface LightTables {
  projectLights: ProjectLightsTable;
  lightDirty: LightDirtyTable;
}
