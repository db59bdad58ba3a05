import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { MilestonesTable } from '../../db/tables-milestones.js';
import { filtered, type ProjectFilters, type ProjectScope } from '../projects/projects.repository.js';

/** Milestone columns with the owner names joined (one query for a whole plan or portfolio). */
function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('milestones')
    .leftJoin('units as ou', 'ou.id', 'milestones.ownerUnitId')
    .leftJoin('users as op', 'op.id', 'milestones.ownerUserId')
    .selectAll('milestones')
    .select(['ou.name as ownerUnitName', 'op.displayName as ownerUserName'])
    .select((eb) => eb.selectFrom('milestoneChanges').select((e) => e.fn.countAll<number>().as('n')).whereRef('milestoneChanges.milestoneId', '=', 'milestones.id').as('replans'));
}
export type MilestoneRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

export const milestonesRepository = {
  plan(db: Kysely<Database>, projectId: string) {
    return db.selectFrom('projectPlans').selectAll().where('projectId', '=', projectId).executeTakeFirst();
  },

  ofProject(db: Kysely<Database>, projectId: string) {
    return withNames(db).where('milestones.projectId', '=', projectId).orderBy('milestones.seq').execute();
  },

  /** The plan's milestones that mark a stage (for the offer a stage transition makes). */
  stageMarkers(db: Kysely<Database>, projectId: string) {
    return db.selectFrom('milestones').select(['id', 'name', 'seq', 'stage', 'actualDate', 'version']).where('projectId', '=', projectId).where('stage', 'is not', null).execute();
  },

  find(db: Kysely<Database>, id: string) {
    return withNames(db).where('milestones.id', '=', id).executeTakeFirst();
  },

  insertMany(db: Kysely<Database>, rows: Insertable<MilestonesTable>[]) {
    return rows.length ? db.insertInto('milestones').values(rows).execute() : Promise.resolve([]);
  },

  /**
   * A unit that owns a milestone sees the project, as a supporting unit does: the project's
   * `milestone-owner` links follow its milestones' owner units (data scope reads project_units).
   */
  async syncOwnerUnits(db: Kysely<Database>, projectId: string, leadUnitId: string) {
    await db.deleteFrom('projectUnits').where('projectId', '=', projectId).where('role', '=', 'milestone-owner').execute();
    const owners = await db.selectFrom('milestones').select('ownerUnitId').distinct().where('projectId', '=', projectId).where('ownerUnitId', 'is not', null).where('ownerUnitId', '!=', leadUnitId).execute();
    if (owners.length) await db.insertInto('projectUnits').values(owners.map((o) => ({ projectId, unitId: o.ownerUnitId!, role: 'milestone-owner' }))).execute();
  },

  changes(db: Kysely<Database>, projectId: string) {
    return db
      .selectFrom('milestoneChanges')
      .leftJoin('users', 'users.id', 'milestoneChanges.byUserId')
      .selectAll('milestoneChanges')
      .select('users.displayName as byName')
      .where('milestoneChanges.projectId', '=', projectId)
      .orderBy('milestoneChanges.createdAt', 'desc')
      .execute();
  },

  /**
   * Open and recently done milestones owned by a person or by units in a subtree, due up to
   * `dueBy` (or done since `doneSince`), with their project names (one query).
   */
  owed(db: Kysely<Database>, owner: { userId: string } | { unitPath: string }, dueBy: string, doneSince: string) {
    return withNames(db)
      .innerJoin('projects', 'projects.id', 'milestones.projectId')
      .select(['projects.name as projectName', 'projects.stage as projectStage'])
      .where('projects.archived', '=', 0)
      .where((eb) =>
        'userId' in owner
          ? eb('milestones.ownerUserId', '=', owner.userId)
          : eb('milestones.ownerUnitId', 'in', eb.selectFrom('units').select('units.id').where('units.path', 'like', `${owner.unitPath}%`)),
      )
      .where((eb) => eb.or([eb.and([eb('milestones.actualDate', 'is', null), eb('milestones.plannedEnd', '<=', dueBy)]), eb('milestones.actualDate', '>=', doneSince)]))
      .orderBy('milestones.plannedEnd')
      .limit(500)
      .execute();
  },

  /** Projects with a plan, for the portfolio Gantt: the projects (capped) and their milestones, two queries. */
  async portfolio(db: Kysely<Database>, f: ProjectFilters, scope: ProjectScope | null, limit: number) {
    const projects = await filtered(db, f, scope)
      .innerJoin('projectPlans', 'projectPlans.projectId', 'projects.id')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select(['projects.id', 'projects.name', 'projects.stage', 'projects.industry', 'units.name as leadUnitName', 'projectPlans.approvedAt'])
      .orderBy('projects.name')
      .orderBy('projects.id')
      .limit(limit + 1)
      .execute();
    const shown = projects.slice(0, limit);
    const ids = shown.map((p) => p.id);
    const milestones: { id: string; projectId: string; code: string; name: string; seq: number; plannedStart: string; plannedEnd: string; baselineStart: string | null; baselineEnd: string | null; actualDate: string | null; startedOn: string | null; dependsOn: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      milestones.push(
        ...(await db
          .selectFrom('milestones')
          .select(['id', 'projectId', 'code', 'name', 'seq', 'plannedStart', 'plannedEnd', 'baselineStart', 'baselineEnd', 'actualDate', 'startedOn', 'dependsOn'])
          .where('projectId', 'in', ids.slice(i, i + 500))
          .orderBy('projectId')
          .orderBy('seq')
          .execute()),
      );
    }
    return { projects: shown, milestones, truncated: projects.length > limit };
  },

  /** Open milestones due on or before `dueBy` with an owner to remind (reminder job). */
  dueForReminder(db: Kysely<Database>, dueBy: string) {
    return db
      .selectFrom('milestones')
      .innerJoin('projects', 'projects.id', 'milestones.projectId')
      .select(['milestones.id', 'milestones.name', 'milestones.plannedEnd', 'milestones.ownerUserId', 'milestones.ownerUnitId', 'milestones.projectId', 'milestones.unitId', 'projects.name as projectName'])
      .where('milestones.actualDate', 'is', null)
      .where('milestones.plannedEnd', '<=', dueBy)
      .where('projects.archived', '=', 0)
      .execute();
  },
};
