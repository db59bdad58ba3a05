import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import { FLOW_METRICS, METRIC_STAGE, type FlowMetric } from '../../core/schemas/goals.schema.js';
import type { Stage } from '../../core/stages.js';
import type { Database } from '../../db/database.js';
import type { GoalsTable } from '../../db/tables-goals.js';
import { earlierThan, enteredStage } from '../projects/stage-events.repository.js';


/** Projects that count at all: not archived and not dropped (a terminated project meets no target). */
export function live(eb: ExpressionBuilder<Database, 'projects'>) {
  return eb.and([eb('projects.archived', '=', 0), eb('projects.stage', '!=', 'dropped')]);
}

const yearSpan = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export const PLANNED_FIELD = {
  sign: 'plannedSignDate',
  start: 'plannedStartDate',
  complete: 'plannedCompletionDate',
  operate: 'plannedOperationDate',
} as const satisfies Record<FlowMetric, string>;

export const goalsRepository = {
  /** Goals of one year for units under `prefix` (null = everywhere), with unit and editor names. */
  list(db: Kysely<Database>, year: number, prefix: string | null) {
    let q = db
      .selectFrom('goals')
      .innerJoin('units', 'units.id', 'goals.unitId')
      .leftJoin('users', 'users.id', 'goals.updatedBy')
      .selectAll('goals')
      .select(['units.name as unitName', 'units.shortName as unitShortName', 'units.type as unitType', 'units.path as unitPath', 'units.sortOrder as unitSortOrder', 'users.displayName as updatedByName'])
      .where('goals.year', '=', year);
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    return q.execute();
  },

  find(db: Kysely<Database>, unitId: string, year: number) {
    return db
      .selectFrom('goals')
      .leftJoin('users', 'users.id', 'goals.updatedBy')
      .selectAll('goals')
      .select('users.displayName as updatedByName')
      .where('goals.unitId', '=', unitId)
      .where('goals.year', '=', year)
      .executeTakeFirst();
  },

  insert(db: Kysely<Database>, row: Insertable<GoalsTable>) {
    return db.insertInto('goals').values(row).execute();
  },

  /**
   * Distinct projects per lead unit that entered each flow stage during the year (one
   * statement for every unit and metric).
   */
  flowsByUnit(db: Kysely<Database>, year: number, prefix: string | null) {
    const { from, to } = yearSpan(year);
    let q = db
      .selectFrom('projectStageEvents')
      .innerJoin('projects', 'projects.id', 'projectStageEvents.projectId')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select((eb) => ['projects.unitId', 'units.path', 'projectStageEvents.toStage', eb.fn.count<number>('projectStageEvents.projectId').distinct().as('n')])
      .where((eb) => live(eb))
      .where('projectStageEvents.date', '>=', from)
      .where('projectStageEvents.date', '<=', to)
      .where((eb) => eb.or(FLOW_METRICS.map((m) => enteredStage(eb, METRIC_STAGE[m]))));
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    return q.groupBy(['projects.unitId', 'units.path', 'projectStageEvents.toStage']).execute();
  },

  /** Per lead unit now: 在谈 and 储备 stock, and the sum of 本年累计完成投资 (one statement). */
  stockByUnit(db: Kysely<Database>, prefix: string | null) {
    let q = db
      .selectFrom('projects')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select((eb) => [
        'projects.unitId',
        'units.path',
        eb.fn.sum<number>(eb.case().when('projects.stage', '=', 'negotiating').then(1).else(0).end()).as('negotiating'),
        eb.fn.sum<number>(eb.case().when('projects.stage', '=', 'reserve').then(1).else(0).end()).as('reserve'),
        eb.fn.sum<number | null>('projects.ytdInvestment').as('investment'),
      ])
      .where((eb) => live(eb));
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    return q.groupBy(['projects.unitId', 'units.path']).execute();
  },

  /** Projects under `prefix` that entered the flow stage during the year, with the first such day. */
  entered(db: Kysely<Database>, metric: FlowMetric, year: number, prefix: string) {
    const { from, to } = yearSpan(year);
    return db
      .selectFrom('projectStageEvents')
      .innerJoin('projects', 'projects.id', 'projectStageEvents.projectId')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select((eb) => ['projects.id', 'projects.name', 'projects.stage', 'projects.ytdInvestment', 'units.name as leadUnitName', eb.fn.min<string>('projectStageEvents.date').as('date')])
      .where((eb) => live(eb))
      .where('units.path', 'like', `${prefix}%`)
      .where('projectStageEvents.date', '>=', from)
      .where('projectStageEvents.date', '<=', to)
      .where((eb) => enteredStage(eb, METRIC_STAGE[metric]))
      .groupBy(['projects.id', 'projects.name', 'projects.stage', 'projects.ytdInvestment', 'units.name'])
      .orderBy('date')
      .orderBy('projects.name')
      .execute();
  },

  /**
   * Projects under `prefix` still short of the flow stage that plan to reach it during the
   * year, leaving out any that entered it this year and then moved back (they already count).
   */
  expected(db: Kysely<Database>, metric: FlowMetric, year: number, prefix: string) {
    const stage = METRIC_STAGE[metric];
    const field = PLANNED_FIELD[metric];
    const { from, to } = yearSpan(year);
    return db
      .selectFrom('projects')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select(['projects.id', 'projects.name', 'projects.stage', 'projects.projectType', 'projects.annualPlanInvestment', 'projects.ytdInvestment', 'units.name as leadUnitName', `projects.${field} as plannedDate`])
      .where((eb) => live(eb))
      .where('units.path', 'like', `${prefix}%`)
      .where('projects.stage', 'in', earlierThan(stage))
      .where(`projects.${field}`, 'like', `${year}-%`)
      .where((eb) =>
        eb(
          'projects.id',
          'not in',
          eb
            .selectFrom('projectStageEvents')
            .select('projectStageEvents.projectId')
            .where('projectStageEvents.date', '>=', from)
            .where('projectStageEvents.date', '<=', to)
            .where((e) => enteredStage(e, stage)),
        ),
      )
      .orderBy(`projects.${field}`)
      .execute();
  },

  /** Projects under `prefix` with investment done or planned this year (investment lists). */
  investing(db: Kysely<Database>, prefix: string) {
    return db
      .selectFrom('projects')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select(['projects.id', 'projects.unitId', 'projects.name', 'projects.stage', 'projects.projectType', 'projects.annualPlanInvestment', 'projects.ytdInvestment', 'units.name as leadUnitName'])
      .where((eb) => live(eb))
      .where('units.path', 'like', `${prefix}%`)
      .where((eb) => eb.or([eb('projects.ytdInvestment', '>', 0), eb('projects.annualPlanInvestment', '>', 0)]))
      .execute();
  },

  /** The current stock of a pool stage under `prefix`. */
  inStage(db: Kysely<Database>, stage: Stage, prefix: string) {
    return db
      .selectFrom('projects')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select(['projects.id', 'projects.name', 'projects.stage', 'projects.ytdInvestment', 'projects.stageChangedAt', 'units.name as leadUnitName'])
      .where((eb) => live(eb))
      .where('units.path', 'like', `${prefix}%`)
      .where('projects.stage', '=', stage)
      .orderBy('projects.name')
      .execute();
  },
};
