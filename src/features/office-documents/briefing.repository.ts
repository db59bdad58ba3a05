import type { Kysely } from 'kysely';
import { PROBLEM_OPEN } from '../../core/dispatch/problems.js';
import type { Database } from '../../db/database.js';

/** Projects pushed towards a planned date, or recently through a stage. */
const projectCols = ['p.name', 'u.name as unit', 'p.totalInvestment as investment'] as const;
const LIST = 10;

/**
 * The lists of a 汇报材料 for one unit subtree (lead units whose path starts with `path`):
 * recent signings/starts/completions, the projects to push, and the open problems. Each list is
 * one bounded statement.
 */
export const briefingRepository = {
  /** Stage events to `toStage` dated within [from, to], newest first. */
  recent(db: Kysely<Database>, path: string, toStage: 'signed' | 'construction' | 'completed', from: string, to: string) {
    return db
      .selectFrom('projectStageEvents as e')
      .innerJoin('projects as p', 'p.id', 'e.projectId')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select([...projectCols, 'e.date as date'])
      .where('u.path', 'like', `${path}%`)
      .where('p.archived', '=', 0)
      .where('e.toStage', '=', toStage)
      .where('e.date', '>=', from)
      .where('e.date', '<=', to)
      .orderBy('e.date', 'desc')
      .orderBy('p.name')
      .limit(LIST)
      .execute();
  },

  /** Projects in `stage` whose planned date (`column`) falls within [from, to], soonest first. */
  planned(db: Kysely<Database>, path: string, stage: 'negotiating' | 'signed' | 'construction', column: 'plannedSignDate' | 'plannedStartDate' | 'plannedCompletionDate', from: string, to: string) {
    return db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select([...projectCols, `p.${column} as date`])
      .where('u.path', 'like', `${path}%`)
      .where('p.archived', '=', 0)
      .where('p.stage', '=', stage)
      .where(`p.${column}`, '>=', from)
      .where(`p.${column}`, '<=', to)
      .orderBy(`p.${column}`)
      .orderBy('p.name')
      .limit(LIST)
      .execute();
  },

  /** Open problems worked by a unit of the subtree, the most escalated and oldest deadline first. */
  openProblems(db: Kysely<Database>, path: string) {
    return db
      .selectFrom('problems as q')
      .innerJoin('units as u', 'u.id', 'q.unitId')
      .leftJoin('projects as p', 'p.id', 'q.projectId')
      .leftJoin('users as owner', 'owner.id', 'q.ownerUserId')
      .leftJoin('users as leader', 'leader.id', 'q.leaderId')
      .select(['p.name as projectName', 'q.category', 'q.description', 'u.name as unit', 'owner.displayName as person', 'leader.displayName as leader', 'q.deadline', 'q.escalationLevel'])
      .where('u.path', 'like', `${path}%`)
      .where('q.status', 'in', [...PROBLEM_OPEN])
      .orderBy('q.escalationLevel', 'desc')
      .orderBy('q.deadline')
      .orderBy('q.id')
      .limit(15)
      .execute();
  },
};
